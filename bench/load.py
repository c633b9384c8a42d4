"""The load test: 50 visitors at once for 60 seconds, across the public pages.

    make load
    LOAD_CONNECTIONS=50 LOAD_SECONDS=60 LOAD_SCALE=large make load   # the defaults

Starts gunicorn with production settings (cache on, through Redis) on
PostgreSQL with the demo content and the large data set, then wrk keeps
LOAD_CONNECTIONS connections busy, each walking through every kind of
public page (home, every finding, many measures, the all-measures page and its
filters, updates list pages, many posts, feeds, downloads, the journey,
documents, glossary, a static file). Fails if any request errs or answers
anything but 200. Shares its harness (bench/harness.py) with the benchmark.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import harness

CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
LARGE = os.environ.get("LOAD_SCALE", "large") == "large"


def public_paths() -> list[str]:
    code = """
import json
from django.templatetags.static import static
from sendprogress.plan.models import Finding, Measure
from sendprogress.updates.models import Post
findings = list(Finding.objects.order_by("order").values_list("slug", flat=True))
measures = list(Measure.objects.public().order_by("?").values_list("code", flat=True)[:40])
posts = list(Post.objects.published().values_list("slug", flat=True)[:60])
paths = ["/", "/measures/", "/journey/", "/documents/", "/glossary/", "/updates/",
         "/updates/?page=2", "/updates/feed.atom", "/updates/feed.rss", "/sitemap.xml",
         "/measures/all-measures.csv", "/accessibility/", static("css/site.css")]
paths += [f"/findings/{f}/" for f in findings] + [f"/updates/?finding={f}" for f in findings]
paths += [f"/measures/?finding={f}&progress=on-track" for f in findings]
paths += [f"/measures/{k}/" for k in measures]
paths += [f"/measures/{k}/figures.csv" for k in measures[:5]]
paths += [f"/updates/{p}/" for p in posts]
print(json.dumps(paths))
"""
    return json.loads(harness.manage("shell", "-c", code, capture=True).strip().splitlines()[-1])


def main() -> int:
    harness.ensure_wrk()
    harness.prepare_database(large=LARGE)
    paths = public_paths()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write("paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n")
        lua.write(harness.REPORT_LUA.read_text())
    try:
        with harness.server(cached=True):
            harness.check_pages({p: p for p in paths})
            harness.say(f"{len(paths)} public addresses, {CONNECTIONS} visitors, {SECONDS} s ...")
            result = harness.wrk(
                "/", connections=CONNECTIONS, seconds=SECONDS, threads=2, script=Path(lua.name)
            )
    finally:
        os.unlink(lua.name)
    print(
        f"Load: {CONNECTIONS} concurrent visitors for {SECONDS} s over {len(paths)} public "
        f"addresses ({'large' if LARGE else 'demo'} data, cache on, gunicorn "
        f"{harness.WORKERS} workers, {harness.machine()})\n"
        f"requests {result['requests']}, {result['rps']:.0f} req/s, "
        f"p50 {result['p50_us'] / 1000:.1f} ms, p95 {result['p95_us'] / 1000:.1f} ms, "
        f"p99 {result['p99_us'] / 1000:.1f} ms, max {result['max_us'] / 1000:.1f} ms, "
        f"errors {result['error_count']} {json.dumps(result['errors'])}"
    )
    return 1 if result["error_count"] else 0


if __name__ == "__main__":
    sys.exit(main())
