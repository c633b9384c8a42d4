"""What each staff page costs in CPU, rendered in one process: steadier than wrk on a busy machine.

    .venv/bin/python bench/staff.py              # on the database `make bench` left
    .venv/bin/python bench/staff.py --prepare    # make the large database first (minutes)
    .venv/bin/python bench/staff.py --renders 50 --profile "data due"

Uses the benchmark's database (BENCH_DATABASE_URL) with production settings,
signs in as bench/harness.py does for wrk (a session per role, second factor
verified), renders each staff page a few times to warm up, then reports for
each the queries it makes, its size, and the CPU time (time.process_time) of
this process per render: the median and the least of --renders renders (the
least is the steadiest figure when other work shares the CPUs). PostgreSQL's
own time runs in its server process, so it is not in the figure; wall time is
shown beside it. --profile prints a cProfile of one page's renders in CPU time,
as the figures are, so waiting for PostgreSQL is left out (sorted by BENCH_SORT,
default cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time

import harness

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--renders", type=int, default=20)
parser.add_argument("--prepare", action="store_true", help="Make the large database first.")
parser.add_argument("--demo", action="store_true", help="The database has the demo scale only.")
parser.add_argument("--profile", metavar="PAGE", help="Profile this page's renders.")
args = parser.parse_args()

if args.prepare:
    harness.prepare_database(large=not args.demo)
os.environ.update(harness.production_env(cached=False))
sys.path.insert(0, str(harness.ROOT))
cookies = harness.staff_sessions()
pages = harness.staff_pages(large=not args.demo)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def client_for(role: str) -> Client:
    client = Client(HTTP_HOST=harness.HOST_HEADER, HTTP_X_FORWARDED_PROTO="https")
    name, key = cookies[role].split("=", 1)
    client.cookies[name] = key
    return client


print(
    f"{args.renders} renders each, production settings, page cache off; "
    f"{harness.machine()}; database {settings.DATABASES['default']['NAME']}"
)
print()
print("| page | as | queries | KB | CPU ms, median | CPU ms, least | wall ms, median |")
print("|---|---|---:|---:|---:|---:|---:|")
for name, (path, role) in pages.items():
    client = client_for(role)
    for _ in range(3):
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"FAIL: {name} ({path}) answered {response.status_code}, not 200.")
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts.append(len(queries))  # now: the log is emptied when the next request starts
    # The fewer of two: the session is saved once a minute (sendprogress.security), not per page.
    count = min(counts)
    profiler = cProfile.Profile(time.process_time) if name == args.profile else None
    cpu, wall = [], []
    if profiler:
        profiler.enable()
    for _ in range(args.renders):
        started = time.process_time(), time.perf_counter()
        client.get(path)
        cpu.append(time.process_time() - started[0])
        wall.append(time.perf_counter() - started[1])
    if profiler:
        profiler.disable()
    print(
        f"| {name} | {role} | {count} | {len(response.content) / 1024:.0f} | "
        f"{statistics.median(cpu) * 1000:.1f} | {min(cpu) * 1000:.1f} | "
        f"{statistics.median(wall) * 1000:.1f} |"
    )
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(45)
