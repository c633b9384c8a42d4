"""What the benchmark (bench/run.py) and the load test (bench/load.py) share.

A PostgreSQL database of their own, filled with the demo content and, for
the large scale, `generate_large_data`; gunicorn started with production
settings (DEBUG off, hashed static files from whitenoise, requests arriving as
if through a TLS proxy); and wrk driving it, with latency percentiles read
from bench/report.lua.

Environment (all optional):
  BENCH_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/sp_bench
                      (the database is dropped and made again)
  BENCH_REDIS_URL     default redis://127.0.0.1:6379/15 (that Redis database
                      is emptied before each cached run)
  BENCH_WORKERS       gunicorn workers, default 2 x CPUs + 1
  BENCH_PORT          default 8123

Staff pages (staff_pages, staff_sessions) are measured signed in, as an
approver or a data officer whose second factor this session has verified:
the session is written straight into the database, so wrk sends its cookie.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
REPORT_LUA = Path(__file__).resolve().parent / "report.lua"

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sp_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
WORKERS = int(os.environ.get("BENCH_WORKERS", 2 * (os.cpu_count() or 1) + 1))
PORT = int(os.environ.get("BENCH_PORT", "8123"))
BASE = f"http://127.0.0.1:{PORT}"
HOST_HEADER = "localhost"
# One secret for the whole run: a staff session made by one process
# (staff_sessions) must be readable by the gunicorn started after it.
SECRET_KEY = secrets.token_urlsafe(50)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    say("wrk is missing; installing it from Debian (apt-get install wrk).")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("wrk") or sys.exit("FAIL: could not install wrk.")


def production_env(*, cached: bool) -> dict[str, str]:
    """Production settings, as docs/operations.md's "Running in production" sets them."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "REDIS_URL", "PUBLIC_PAGE_CACHE_SECONDS", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "sendprogress.settings",
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "false",
        "ALLOWED_HOSTS": HOST_HEADER,
        "DATABASE_URL": DATABASE_URL,
        "SECURE_PROXY_SSL_HEADER": "true",
        "BENCH_MINIMAL_VIEW": "true",
        "LOG_LEVEL": "WARNING",
    }
    if cached:
        env["REDIS_URL"] = REDIS_URL
    else:
        env["PUBLIC_PAGE_CACHE_SECONDS"] = "0"
    return env


def manage(*args: str, cached: bool = False, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=production_env(cached=cached),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def _admin_connection():
    import psycopg

    parts = urlsplit(DATABASE_URL)
    admin = parts._replace(path="/postgres").geturl()
    return psycopg.connect(admin, autocommit=True), parts.path.lstrip("/")


def prepare_database(*, large: bool) -> None:
    """A fresh database with the demo content, and the large data set if asked."""
    connection, name = _admin_connection()
    with connection:
        say(f"Making a fresh database {name} ...")
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--no-input", "-v0")
    manage("loaddata", "fixtures/demo.json", "fixtures/glossary.json", "-v0")
    if large:
        say("Adding the large data set (generate_large_data) ...")
        manage("generate_large_data")
    manage("collectstatic", "--no-input", "-v0")


def holds_large_data() -> bool:
    """Whether the benchmark's database has `generate_large_data` in it."""
    code = (
        "from sendprogress.plan.models import Measure;"
        "print(Measure.objects.filter(code__startswith='large-').exists())"
    )
    return manage("shell", "-c", code, capture=True).strip().endswith("True")


def pick_pages(*, large: bool) -> dict[str, str]:
    """The addresses to measure: the biggest area, measure and latest post of the scale."""
    code = f"""
import json
from django.db.models import Count, Q
from django.templatetags.static import static
from sendprogress.plan.models import Finding, Measure
from sendprogress.updates.models import Post
prefix = "large-" if {large!r} else ""
approved = Count("figures", filter=Q(figures__status="approved"))
area = Finding.objects.filter(slug__startswith=prefix).annotate(n=Count("measures"))
area = area.order_by("-n", "order").first()
measure = Measure.objects.public().filter(code__startswith=prefix).annotate(n=approved)
measure = measure.order_by("-n", "code").first()
post = Post.objects.published().filter(slug__startswith=prefix).first()
print(json.dumps({{
    "static file": static("css/site.css"),
    "minimal view": "/_bench/minimal/",
    "home": "/",
    "area": area.get_absolute_url(),
    "measure": measure.get_absolute_url(),
    "all measures": "/measures/",
    "updates": "/updates/",
    "post": post.get_absolute_url(),
}}))
"""
    return json.loads(manage("shell", "-c", code, capture=True).strip().splitlines()[-1])


# The staff who sign in for the benchmark: one per role the staff pages serve.
STAFF = {"approver": "Approver", "data officer": "Data officer"}


def staff_sessions() -> dict[str, str]:
    """A signed-in session, second factor verified, for each of STAFF: its Cookie header.

    Written straight into the session store, as signing in and entering a
    code would leave it (django-otp keeps the verifying device's id in the
    session), so wrk can send it without a sign-in form.
    """
    code = f"""
import json, secrets, time
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from sendprogress.security.middleware import LAST_SEEN, SIGNED_IN_AT
cookies = {{}}
for name, role in {STAFF!r}.items():
    username = "bench-" + name.replace(" ", "-")
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={{"is_staff": True, "email": username + "@example.org"}}
    )
    user.set_password(secrets.token_urlsafe(20))
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={{"confirmed": True}}
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    now = int(time.time())
    session.update({{
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
        DEVICE_ID_SESSION_KEY: device.persistent_id,
        SIGNED_IN_AT: now,
        LAST_SEEN: now,
    }})
    session.create()
    cookies[name] = settings.SESSION_COOKIE_NAME + "=" + session.session_key
print(json.dumps(cookies))
"""
    return json.loads(manage("shell", "-c", code, capture=True).strip().splitlines()[-1])


def staff_pages(*, large: bool) -> dict[str, tuple[str, str]]:
    """The staff pages to measure, each with the role that signs in to see it.

    Staff pages are never cached, so they are measured with the page cache off
    only. The approvals confirmation lists the figures waiting (up to 10) as if
    ticked on the data-due page; the filtered data-due page is one area's.
    """
    code = f"""
import json
from urllib.parse import urlencode
from sendprogress.plan.models import Figure, Finding
prefix = "large-" if {large!r} else ""
area = Finding.objects.filter(slug__startswith=prefix).order_by("order").first()
waiting = Figure.objects.filter(status="submitted").order_by("submitted_at", "pk")[:10]
ticked = urlencode([("figure", f"{{f.pk}}:{{f.version}}") for f in waiting])
print(json.dumps({{
    "staff home": ["/staff/", "approver"],
    "staff home, officer": ["/staff/", "data officer"],
    "data due": ["/staff/data-due/", "approver"],
    "data due, one area": ["/staff/data-due/?area=" + area.slug, "approver"],
    "data due, overdue": ["/staff/data-due/?state=overdue", "data officer"],
    "approvals confirmation": ["/staff/approvals/confirm/?" + ticked, "approver"],
}}))
"""
    found = json.loads(manage("shell", "-c", code, capture=True).strip().splitlines()[-1])
    return {name: (path, role) for name, (path, role) in found.items()}


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def get(path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310 (always http://127.0.0.1)
        BASE + path,
        headers={"Host": HOST_HEADER, "X-Forwarded-Proto": "https"} | (headers or {}),
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def server(*, cached: bool):
    """gunicorn with production settings, stopped (by its own pid) on the way out."""
    if cached:
        flush_redis()
    log = tempfile.NamedTemporaryFile("w+", prefix="bench-gunicorn-", suffix=".log")  # noqa: SIM115
    process = subprocess.Popen(
        [
            GUNICORN,
            "sendprogress.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=production_env(cached=cached),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            time.sleep(0.2)
            if process.poll() is not None:
                log.seek(0)
                sys.exit(f"FAIL: gunicorn stopped:\n{log.read()}")
            try:
                if get("/_bench/minimal/")[0] == 200:
                    break
            except OSError:
                continue
        else:
            sys.exit("FAIL: gunicorn did not answer within 20 seconds.")
        say(f"gunicorn up ({WORKERS} workers, cache {'on' if cached else 'off'}).")
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def check_pages(pages: dict[str, str], headers: dict[str, str] | None = None) -> None:
    for name, path in pages.items():
        status, _ = get(path, headers)
        if status != 200:
            sys.exit(f"FAIL: {name} ({path}) answered {status}, not 200.")


def wrk(
    path: str,
    *,
    connections: int,
    seconds: int,
    threads: int = 2,
    script: Path = REPORT_LUA,
    timeout: int = 5,
    headers: dict[str, str] | None = None,
) -> dict:
    """Run wrk against one address (or, with a script setting `paths`, many)."""
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    result = subprocess.run(
        [
            ensure_wrk(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout}s",
            "-H",
            f"Host: {HOST_HEADER}",
            *extra,
            "-s",
            str(script),
            BASE + path,
        ],
        check=True,
        text=True,
        capture_output=True,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            data = json.loads(line.removeprefix("BENCH-JSON "))
            seconds_run = data["duration_us"] / 1e6
            data["rps"] = data["requests"] / seconds_run if seconds_run else 0.0
            data["error_count"] = sum(data["errors"].values())
            return data
    sys.exit(f"FAIL: no summary from wrk:\n{result.stdout}\n{result.stderr}")


def machine() -> str:
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"
