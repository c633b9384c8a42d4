"""CPU time per public page, rendered with every cache off, in one process.

    .venv/bin/python bench/cold.py                # the benchmark's database as it is
    .venv/bin/python bench/cold.py --prepare demo # make it afresh first (demo content)
    .venv/bin/python bench/cold.py --prepare large
    .venv/bin/python bench/cold.py --runs 100

Uses BENCH_DATABASE_URL (as bench/run.py does) with production settings and
PUBLIC_PAGE_CACHE_SECONDS=0. Each page is fetched through Django's test client
(the whole middleware stack) a few times to warm up, then RUNS times; the
table gives CPU milliseconds per request (time.process_time, so a busy
neighbour on the machine barely moves it; the database's own time is not
counted) and the same for the minimal view, and each page's ratio to it.

The fragments a page keeps rendered (caching/fragments.py) are kept after the
warm-up, as they are for a page drawn afresh after a change to something else;
FRAGMENT_CACHE_SECONDS=0 turns them off too (the first render after a change
to what the fragment shows).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time

import harness

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--prepare", choices=("demo", "large"), help="make the database afresh first")
parser.add_argument("--runs", type=int, default=50)
parser.add_argument("--only", help="comma-separated page names to measure")
args = parser.parse_args()

if args.prepare:
    harness.prepare_database(large=args.prepare == "large")
large = harness.holds_large_data()
pages = harness.pick_pages(large=large)
code = pages["measure"].strip("/").split("/")[-1]
pages |= {
    "plan": None,
    "journey": "/journey/",
    "documents": "/documents/",
    "feed": "/updates/feed.atom",
    "sitemap": "/sitemap.xml",
    "measure csv": f"/measures/{code}/figures.csv",
    "api measures": "/api/v1/measures/",
    "api measure": f"/api/v1/measures/{code}/",
}
pages.pop("static file")

env = harness.production_env(cached=False) | {"SECURE_SSL_REDIRECT": "false"}
env["SECRET_KEY"] = secrets.token_urlsafe(50)
os.environ.update(env)
sys.path.insert(0, str(harness.ROOT))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from sendprogress.plan.models import Plan  # noqa: E402

plan = Plan.objects.public().current()
if plan is not None:
    pages["plan"] = plan.get_absolute_url()
pages = {name: path for name, path in pages.items() if path}
if args.only:
    wanted = set(args.only.split(","))
    pages = {n: p for n, p in pages.items() if n in wanted or n == "minimal view"}

client = Client(HTTP_HOST=harness.HOST_HEADER, HTTP_X_FORWARDED_PROTO="https")


def cpu_ms(path: str) -> float:
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    start = time.process_time()
    for _ in range(args.runs):
        client.get(path)
    return (time.process_time() - start) * 1000 / args.runs


minimal = cpu_ms(pages["minimal view"])
print(f"scale: {'large' if large else 'demo'}; {args.runs} renders each; CPU ms per request")
print()
print("| page | address | CPU ms | minimal view ÷ page |")
print("|---|---|---:|---:|")
for name, path in pages.items():
    ms = minimal if name == "minimal view" else cpu_ms(path)
    print(f"| {name} | `{path}` | {ms:.1f} | {minimal / ms:.3f} |", flush=True)
