"""The benchmark: public pages against two references, on one server, at two scales.

    make bench                       # everything: demo and large scale, cache on and off
    BENCH_SECONDS=2 BENCH_ROUNDS=1 make bench    # a quick look
    BENCH_SCALES=demo make bench     # one scale only

For each scale (the demo content; the demo content plus generate_large_data)
and each cache setting (Redis on; PUBLIC_PAGE_CACHE_SECONDS=0), it starts
gunicorn with production settings on PostgreSQL, checks every page answers
200, warms each one, and measures it with wrk at BENCH_CONNECTIONS (default 8)
concurrent connections. The table puts each page's figures with the cache
off ("cold") beside its cached ones. The two references are
measured on the same server in the same run: a static file from whitenoise
(the ceiling) and a minimal Django view (a short fixed page through the whole
middleware stack). Each page is measured in BENCH_ROUNDS rounds (default 3)
of BENCH_SECONDS (default 4), each straight after a run of the minimal view;
the table gives medians, and each page's throughput as the median of its
ratios to the minimal view run just before it, so a busy neighbour on the
machine skews both sides of a ratio alike. Results are also written to bench/results/ as JSON.

Then, for each scale, the staff pages (harness.staff_pages): signed in as an
approver or a data officer (harness.staff_sessions), with the page cache off
since staff pages are never cached, in the same rounds; their own table.
For their CPU cost in one process, steadier on a busy machine, see
bench/staff.py.

See bench/harness.py for the environment it reads.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

import harness

SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARM_SECONDS = int(os.environ.get("BENCH_WARM_SECONDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
SCALES = os.environ.get("BENCH_SCALES", "demo,large").split(",")
REFERENCES = ("static file", "minimal view")


def measure(pages: dict[str, str], *, cached: bool) -> dict[str, dict]:
    """Each page in ROUNDS rounds, straight after a run of the minimal view, so
    each ratio compares figures taken seconds apart on a noisy machine."""
    runs: dict[str, list[dict]] = {name: [] for name in pages}
    ratios: dict[str, list[float]] = {name: [] for name in pages}
    minimal = pages["minimal view"]
    with harness.server(cached=cached):
        harness.check_pages(pages)
        for path in pages.values():
            harness.wrk(path, connections=CONNECTIONS, seconds=WARM_SECONDS)
        for n in range(ROUNDS):
            for name, path in pages.items():
                if name == "minimal view":
                    continue
                reference = harness.wrk(minimal, connections=CONNECTIONS, seconds=SECONDS)
                result = harness.wrk(path, connections=CONNECTIONS, seconds=SECONDS)
                runs["minimal view"].append(reference)
                runs[name].append(result)
                ratios[name].append(result["rps"] / (reference["rps"] or 1))
            harness.say(f"  round {n + 1} of {ROUNDS} done")
    ratios["minimal view"] = [1.0]
    results = {}
    for name in pages:
        done = runs[name]
        results[name] = {
            "rps": statistics.median(r["rps"] for r in done),
            "ratio": statistics.median(ratios[name]),
            "p50_us": statistics.median(r["p50_us"] for r in done),
            "p95_us": statistics.median(r["p95_us"] for r in done),
            "p99_us": statistics.median(r["p99_us"] for r in done),
            "error_count": sum(r["error_count"] for r in done),
            "runs": done,
        }
        r = results[name]
        harness.say(
            f"  {name:<14} {r['rps']:8.0f} req/s  x{r['ratio']:.2f}  "
            f"p50 {r['p50_us'] / 1000:6.1f} ms  p95 {r['p95_us'] / 1000:6.1f} ms  "
            f"p99 {r['p99_us'] / 1000:6.1f} ms  errors {r['error_count']}"
        )
    return results


def measure_staff(pages: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """Staff pages, signed in, page cache off (staff pages are never cached), as measure() does.

    Each page in ROUNDS rounds straight after a run of the minimal view; wrk
    sends the session cookie of the role that page is for.
    """
    cookies = {role: {"Cookie": cookie} for role, cookie in harness.staff_sessions().items()}
    minimal = "/_bench/minimal/"
    runs: dict[str, list[dict]] = {name: [] for name in pages}
    ratios: dict[str, list[float]] = {name: [] for name in pages}
    with harness.server(cached=False):
        for name, (path, role) in pages.items():
            harness.check_pages({name: path}, cookies[role])
            harness.wrk(path, connections=CONNECTIONS, seconds=WARM_SECONDS, headers=cookies[role])
        for n in range(ROUNDS):
            for name, (path, role) in pages.items():
                reference = harness.wrk(minimal, connections=CONNECTIONS, seconds=SECONDS)
                result = harness.wrk(
                    path, connections=CONNECTIONS, seconds=SECONDS, headers=cookies[role]
                )
                runs[name].append(result)
                ratios[name].append(result["rps"] / (reference["rps"] or 1))
            harness.say(f"  staff round {n + 1} of {ROUNDS} done")
    results = {}
    for name, (path, role) in pages.items():
        done = runs[name]
        results[name] = {
            "path": path,
            "role": role,
            "rps": statistics.median(r["rps"] for r in done),
            "ratio": statistics.median(ratios[name]),
            "p50_us": statistics.median(r["p50_us"] for r in done),
            "p95_us": statistics.median(r["p95_us"] for r in done),
            "p99_us": statistics.median(r["p99_us"] for r in done),
            "error_count": sum(r["error_count"] for r in done),
            "runs": done,
        }
        r = results[name]
        harness.say(
            f"  {name:<24} {r['rps']:8.0f} req/s  x{r['ratio']:.2f}  "
            f"p95 {r['p95_us'] / 1000:6.1f} ms  errors {r['error_count']}"
        )
    return results


def staff_table(staff_results: dict) -> str:
    lines = [
        "Staff pages: signed in, never cached (page cache off), as the role named.",
        "",
        "| scale | page | as | req/s | vs minimal view | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for scale, results in staff_results.items():
        for name, r in results.items():
            lines.append(
                f"| {scale} | {name} | {r['role']} | {r['rps']:.0f} | {r['ratio']:.2f} | "
                f"{r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | "
                f"{r['p99_us'] / 1000:.1f} | {r['error_count']} |"
            )
    return "\n".join(lines)


def table(all_results: dict) -> str:
    """One row per page and scale, the page cache on beside it off ("cold").

    Cold is what staff always get, what every visitor gets straight after an
    approval or edit (the whole cache is retired at once), and what any new
    query string gets.
    """
    lines = [
        f"{CONNECTIONS} connections; each page {ROUNDS} x {SECONDS} s, medians; "
        f"gunicorn {harness.WORKERS} workers; {harness.machine()}",
        "",
        "| scale | page | req/s cached | req/s cold | vs minimal view, cached | "
        "vs minimal view, cold | p95 ms cached | p95 ms cold | p99 ms cold | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scale, by_cache in all_results.items():
        cached, cold = by_cache.get("on", {}), by_cache.get("off", {})
        for name in dict.fromkeys([*cached, *cold]):
            on, off = cached.get(name), cold.get(name)
            errors = sum(r["error_count"] for r in (on, off) if r)
            lines.append(
                f"| {scale} | {name} | {_cell(on, 'rps', '{:.0f}')} | "
                f"{_cell(off, 'rps', '{:.0f}')} | {_cell(on, 'ratio', '{:.2f}')} | "
                f"{_cell(off, 'ratio', '{:.2f}')} | {_cell(on, 'p95_us', '{:.1f}', 1000)} | "
                f"{_cell(off, 'p95_us', '{:.1f}', 1000)} | "
                f"{_cell(off, 'p99_us', '{:.1f}', 1000)} | {errors} |"
            )
    return "\n".join(lines)


def _cell(result: dict | None, key: str, form: str, divide: float = 1) -> str:
    return form.format(result[key] / divide) if result else "-"


def main() -> int:
    harness.ensure_wrk()
    all_results: dict[str, dict] = {}
    staff_results: dict[str, dict] = {}
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
        harness.say(f"Scale {scale}, staff pages (never cached):")
        staff_results[scale] = measure_staff(harness.staff_pages(large=large))
    report = table(all_results) + "\n\n" + staff_table(staff_results)
    print(report)
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    (out / f"bench-{stamp}.json").write_text(
        json.dumps(all_results | {"staff": staff_results}, indent=2)
    )
    (out / f"bench-{stamp}.md").write_text(report + "\n")
    errors = sum(
        r["error_count"] for c in all_results.values() for s in c.values() for r in s.values()
    ) + sum(r["error_count"] for s in staff_results.values() for r in s.values())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
