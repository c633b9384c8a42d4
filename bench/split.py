"""Where each cold page's CPU goes under load: Django (gunicorn) or PostgreSQL.

    .venv/bin/python bench/split.py                  # the benchmark's database as it is
    .venv/bin/python bench/split.py --prepare large  # make it afresh first
    .venv/bin/python bench/split.py --seconds 10 --only home,measure

Starts gunicorn as `make bench` does (production settings, every cache off),
drives each page with wrk at 4 connections, and reads from /proc the CPU time
(user + system) the gunicorn workers and this database's PostgreSQL backends
spent meanwhile, per request. CPU time, unlike req/s, barely moves when the
machine is busy, so this can be run beside other work. Linux only.
"""

from __future__ import annotations

import argparse
import os

import harness

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--prepare", choices=("demo", "large"), help="make the database afresh first")
parser.add_argument("--seconds", type=int, default=5)
parser.add_argument("--only", help="comma-separated page names to measure")
args = parser.parse_args()

TICK = os.sysconf("SC_CLK_TCK")
DATABASE = harness.DATABASE_URL.rsplit("/", 1)[-1]


def cpu_seconds() -> tuple[float, dict[str, float]]:
    """CPU seconds of the gunicorn processes, and of each of the database's backends."""
    django, postgres = 0.0, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        seconds = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
        if "gunicorn" in command and "sendprogress.wsgi" in command:
            django += seconds
        elif command.startswith("postgres:") and f" {DATABASE} " in command:
            postgres[pid] = seconds
    return django, postgres


if args.prepare:
    harness.prepare_database(large=args.prepare == "large")
large = harness.holds_large_data()
pages = harness.pick_pages(large=large)
pages.pop("static file")
if args.only:
    wanted = set(args.only.split(",")) | {"minimal view"}
    pages = {name: path for name, path in pages.items() if name in wanted}

scale = "large" if large else "demo"
print(f"scale: {scale}; wrk at 4 connections, {args.seconds} s a page; CPU ms per request")
print()
print("| page | requests | Django (gunicorn) | PostgreSQL | both |")
print("|---|---:|---:|---:|---:|")
with harness.server(cached=False):
    for name, path in pages.items():
        harness.wrk(path, connections=4, seconds=1)  # warm up
        django_before, postgres_before = cpu_seconds()
        result = harness.wrk(path, connections=4, seconds=args.seconds)
        django_after, postgres_after = cpu_seconds()
        requests = result["requests"] or 1
        django = (django_after - django_before) * 1000 / requests
        # A backend that started meanwhile counts from zero.
        postgres = (
            sum(after - postgres_before.get(pid, 0.0) for pid, after in postgres_after.items())
            * 1000
            / requests
        )
        print(
            f"| {name} | {requests} | {django:.2f} | {postgres:.2f} | {django + postgres:.2f} |",
            flush=True,
        )
