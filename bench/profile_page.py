"""Where a public page spends its time, rendered uncached, in one process.

    PROFILE_URL=/measures/ make profile          # after `make bench` made its database
    .venv/bin/python bench/profile_page.py /findings/ehcp-needs/ 50

Uses the benchmark's database (BENCH_DATABASE_URL) with production settings
and the page cache off, renders the page a few times to warm up, then profiles
N more renders (default 20) with pyinstrument and prints the call tree.
"""

import os
import secrets
import sys

import harness

path = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else "/"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
env = harness.production_env(cached=False) | {"SECURE_SSL_REDIRECT": "false"}
env["SECRET_KEY"] = secrets.token_urlsafe(50)
os.environ.update(env)
sys.path.insert(0, str(harness.ROOT))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

client = Client(HTTP_HOST=harness.HOST_HEADER)
for _ in range(3):
    assert client.get(path).status_code == 200, path
profiler = Profiler(interval=0.0005)
with profiler:
    for _ in range(runs):
        client.get(path)
print(profiler.output_text(unicode=True, color=False, show_all=False))
