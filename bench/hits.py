"""What a cached page costs per hit against the minimal view, counted, not timed.

    .venv/bin/python bench/hits.py                 # the SQLite demo (var/hits.sqlite3)
    .venv/bin/python bench/hits.py --hits 5000 --top 25
    REDIS_URL=redis://127.0.0.1:6379/15 .venv/bin/python bench/hits.py

Requests per second need a quiet machine (`make bench`). This counts instead:
it sends N requests straight to Django's WSGI handler, in one process, with
production settings (DEBUG off, requests as if through the TLS proxy), to a
cached public page and to the minimal view (`/_bench/minimal/`), and prints
the Python function calls each makes per request (cProfile), and the CPU time
per request as a rough guide. Run it under valgrind for instructions, which
a busy machine does not change:

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/hits.py --only / --hits 1000 --no-profile

and subtract the instructions valgrind counts for a run with --hits 0 (slow:
minutes a run).

The database is a SQLite file with the demo content, made if missing
(`--database` names another), as in the issue's probe: SQLite, no Redis,
so the page cache lives in local memory and each hit reads the public content
version from the database.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "localhost"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hits", type=int, default=2000)
    parser.add_argument("--database", default=str(ROOT / "var" / "hits.sqlite3"))
    parser.add_argument("--only", help="one address (the minimal view is /_bench/minimal/)")
    parser.add_argument("--top", type=int, default=0, help="print the N costliest functions")
    parser.add_argument("--no-profile", action="store_true", help="no cProfile (for valgrind)")
    return parser.parse_args()


def environment(database: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "sendprogress.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECURE_PROXY_SSL_HEADER": "true",
        "BENCH_MINIMAL_VIEW": "true",
        "LOG_LEVEL": "WARNING",
    }


def prepare(database: str) -> None:
    """The demo content in a SQLite file (if missing) and the hashed static files."""
    env = os.environ | environment(database)
    commands = [["collectstatic", "--no-input", "-v0"]]
    if not Path(database).exists():
        commands += [
            ["migrate", "--no-input"],
            ["loaddata", "fixtures/demo.json", "fixtures/glossary.json"],
        ]
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def wsgi_environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": HOST,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_USER_AGENT": "wrk",
        "HTTP_ACCEPT": "*/*",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def main() -> int:
    args = parse()
    prepare(args.database)
    os.environ.update(environment(args.database))
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    statuses: list[str] = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    def hit(path: str) -> None:
        body = handler(wsgi_environ(path), start_response)
        for _ in body:
            pass
        body.close()

    pages = (
        {args.only: args.only}
        if args.only
        else {
            "minimal view": "/_bench/minimal/",
            "home (cached)": "/",
            "measures (cached)": "/measures/",
            "glossary (cached)": "/glossary/",
        }
    )
    for path in pages.values():
        for _ in range(3):  # render, store, then hit
            hit(path)
        if not statuses[-1].startswith("200"):
            raise SystemExit(f"{path} answered {statuses[-1]}")

    results = {}
    for name, path in pages.items():
        # Timed without the profiler (which slows calls more than anything
        # else), then counted with it.
        started = time.process_time()
        for _ in range(args.hits):
            hit(path)
        cpu_us = (time.process_time() - started) / max(args.hits, 1) * 1e6
        calls = 0.0
        if not args.no_profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.hits):
                hit(path)
            profile.disable()
            stats = pstats.Stats(profile)
            calls = stats.total_calls / max(args.hits, 1)
            if args.top:
                out = io.StringIO()
                stats.stream = out
                stats.sort_stats("tottime").print_stats(args.top)
                print(f"---- {name} ----\n{out.getvalue()}")
        results[name] = (calls, cpu_us)
    print(f"{args.hits} requests to each address, in one process:")
    minimal = results.get("minimal view")
    for name, (calls, cpu_us) in results.items():
        line = f"  {name:<20} {calls:6.0f} calls  {cpu_us:6.0f} µs CPU"
        if minimal and minimal[0]:
            line += f"  calls {calls / minimal[0]:.2f}x, CPU {cpu_us / minimal[1]:.2f}x"
        print(line + "  (per request; x: against the minimal view)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
