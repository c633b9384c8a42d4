"""The benchmark: public pages against two references, on one server, at two scales.

    make bench                       # everything: demo and large scale, cache on and off
    BENCH_SECONDS=5 make bench       # shorter runs
    BENCH_SCALES=demo make bench     # one scale only

For each scale (the demo content; the demo content plus generate_large_data)
and each cache setting (Redis on; PUBLIC_PAGE_CACHE_SECONDS=0), it starts
gunicorn with production settings on PostgreSQL, checks every page answers
200, warms each one, and measures it with wrk at BENCH_CONNECTIONS (default 8)
concurrent connections for BENCH_SECONDS (default 10). The two references are
measured on the same server in the same run: a static file from whitenoise
(the ceiling) and a minimal Django view (a short fixed page through the whole
middleware stack). Each page's throughput is printed as a ratio to the
minimal view. Results are also written to bench/results/ as JSON.

See bench/harness.py for the environment it reads.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import harness

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_SECONDS = int(os.environ.get("BENCH_WARM_SECONDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
SCALES = os.environ.get("BENCH_SCALES", "demo,large").split(",")
REFERENCES = ("static file", "minimal view")


def measure(pages: dict[str, str], *, cached: bool) -> dict[str, dict]:
    results = {}
    with harness.server(cached=cached):
        harness.check_pages(pages)
        for name, path in pages.items():
            harness.wrk(path, connections=CONNECTIONS, seconds=WARM_SECONDS)
            result = harness.wrk(path, connections=CONNECTIONS, seconds=SECONDS)
            results[name] = result
            harness.say(
                f"  {name:<14} {result['rps']:8.0f} req/s  p50 {result['p50_us'] / 1000:6.1f} ms"
                f"  p95 {result['p95_us'] / 1000:6.1f} ms  p99 {result['p99_us'] / 1000:6.1f} ms"
                f"  errors {result['error_count']}"
            )
    return results


def table(all_results: dict) -> str:
    lines = [
        f"{CONNECTIONS} connections, {SECONDS} s per page, gunicorn {harness.WORKERS} workers, "
        f"{harness.machine()}",
        "",
        "| scale | cache | page | req/s | vs minimal view | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for scale, by_cache in all_results.items():
        for cache, results in by_cache.items():
            minimal = results["minimal view"]["rps"] or 1
            for name, r in results.items():
                lines.append(
                    f"| {scale} | {cache} | {name} | {r['rps']:.0f} | {r['rps'] / minimal:.2f} | "
                    f"{r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | "
                    f"{r['p99_us'] / 1000:.1f} | {r['error_count']} |"
                )
    return "\n".join(lines)


def main() -> int:
    harness.ensure_wrk()
    all_results: dict[str, dict] = {}
    for scale in SCALES:
        large = scale == "large"
        harness.prepare_database(large=large)
        pages = harness.pick_pages(large=large)
        harness.say(f"Scale {scale}: {json.dumps(pages)}")
        all_results[scale] = {}
        for cached in (True, False):
            label = "on" if cached else "off"
            harness.say(f"Scale {scale}, cache {label}:")
            all_results[scale][label] = measure(pages, cached=cached)
    report = table(all_results)
    print(report)
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    (out / f"bench-{stamp}.json").write_text(json.dumps(all_results, indent=2))
    (out / f"bench-{stamp}.md").write_text(report + "\n")
    errors = sum(
        r["error_count"] for c in all_results.values() for s in c.values() for r in s.values()
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
