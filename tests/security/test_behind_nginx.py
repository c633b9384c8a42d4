"""Behind a real nginx, each visitor is counted by its own address.

Debian's nginx, with the proxy settings the docs ship
(docs/nginx/sendprogress-proxy.conf), runs over TLS in front of gunicorn,
which runs the site with production settings (DEBUG off,
SECURE_PROXY_SSL_HEADER on, PROXY_COUNT=1) on a fresh SQLite database. Both
listen on loopback only; visitors connect from addresses of their own
(127.0.0.2, 127.0.0.3, ...: Linux answers on the whole of 127.0.0.0/8), so
nginx sees each as a different client, as it would on the internet.

Before: every request counted as nginx's, so one visitor's wrong passwords
paused sign-in for every member of staff.

nginx and gunicorn are this test's children, with their own files in a
temporary folder, and are always stopped. A machine without nginx fails here
(scripts/system-packages installs it, as root, from Debian).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.proxy

ROOT = Path(__file__).resolve().parents[2]
PROXY_SNIPPET = ROOT / "docs" / "nginx" / "sendprogress-proxy.conf"
LOGIN = "/admin/login/?next=/staff/"
USERNAME = "dana"
PASSWORD = secrets.token_urlsafe(16)
ATTACKER, MEMBER_OF_STAFF, FORGER = "127.0.0.2", "127.0.0.3", "127.0.0.4"
FAILURE_LIMIT = 5
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _nginx() -> str:
    found = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(found, os.X_OK):
        pytest.fail(
            f"nginx is missing ({found}); this test runs it in front of gunicorn. "
            "Run scripts/system-packages (as root it installs Debian's package 'nginx'), "
            "or set NGINX to an nginx program."
        )
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(process, port: int, log: Path, deadline_seconds: float) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} stopped at once:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{process.args[0]} did not listen on {port}:\n{log.read_text()}")


@contextmanager
def _child(args, *, log: Path, port: int, deadline_seconds: float, **options):
    """Run `args` until the block ends, whatever happens in it."""
    with log.open("wb") as output:
        process = subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT, **options)
    try:
        _wait_until_listening(process, port, log, deadline_seconds)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _site_environment(folder: Path, nginx_port: int) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.security.proxy_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://localhost:{nginx_port}",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "SECURE_PROXY_SSL_HEADER": "true",
        "PROXY_COUNT": "1",
        "SIGN_IN_FAILURE_LIMIT": str(FAILURE_LIMIT),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
    }


SET_UP = f"""
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", verbosity=0)
get_user_model().objects.create_user(
    {USERNAME!r}, "dana@example.org", {PASSWORD!r}, is_staff=True
)
"""


def _certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
    command += ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    command += ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key)]
    subprocess.run([*command, "-out", str(certificate)], check=True, capture_output=True)
    return certificate, key


def _nginx_configuration(folder: Path, nginx: str, http: str) -> Path:
    """A whole nginx of its own in `folder`, serving `http` (its http block)."""
    built_with = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    temp_paths = "\n".join(
        f"    {module}_temp_path {folder / module};"
        for module in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        if f"--without-http_{module}_module" not in built_with
    )
    # Run as root (as CI is), the workers would otherwise become `nobody`,
    # who may not enter the test's temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    configuration = folder / "nginx.conf"
    configuration.write_text(
        f"""
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "nginx-error.log"} warn;
{user}
events {{ worker_connections 64; }}
http {{
    access_log {folder / "nginx-access.log"};
{temp_paths}
{http}
}}
"""
    )
    return configuration


def _proxy(*, port: int, upstream_port: int, certificate: Path, key: Path) -> str:
    """Over TLS on `port`, to gunicorn on `upstream_port`, as the docs' snippet says."""
    return f"""
    upstream sendprogress {{ server 127.0.0.1:{upstream_port}; keepalive 4; }}
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        location / {{ include {PROXY_SNIPPET}; }}
    }}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site behind nginx: how visitors reach it, and its database file."""
    nginx = _nginx()
    folder = tmp_path_factory.mktemp("behind-nginx")
    nginx_port, gunicorn_port = _free_port(), _free_port()
    environment = _site_environment(folder, nginx_port)
    subprocess.run([sys.executable, "-c", SET_UP], env=environment, cwd=ROOT, check=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "sendprogress.wsgi"]
    gunicorn += ["--bind", f"127.0.0.1:{gunicorn_port}", "--workers", "1"]
    certificate, key = _certificate(folder)
    http = _proxy(port=nginx_port, upstream_port=gunicorn_port, certificate=certificate, key=key)
    configuration = _nginx_configuration(folder, nginx, http)
    nginx_command = [nginx, "-p", str(folder), "-c", str(configuration)]
    nginx_command += ["-e", str(folder / "nginx-error.log")]
    with (
        _child(
            gunicorn,
            log=folder / "gunicorn.log",
            port=gunicorn_port,
            deadline_seconds=60,
            env=environment,
            cwd=ROOT,
        ),
        _child(nginx_command, log=folder / "nginx.log", port=nginx_port, deadline_seconds=20),
    ):
        tls = ssl.create_default_context(cafile=certificate)
        yield Site(nginx_port, tls, folder / "site.sqlite3")


@dataclass(frozen=True)
class Site:
    port: int
    tls: ssl.SSLContext  # trusts the certificate made for this run, and no other
    database: Path


class Visitor:
    """A browser at its own address, keeping its cookies."""

    def __init__(self, site: Site, address: str, *, forwarded_for: str | None = None):
        self.site, self.address, self.forwarded_for = site, address, forwarded_for
        self.port = site.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, source_address=(self.address, 0), context=self.site.tls
        )
        connection.timeout = 60
        origin = f"https://localhost:{self.port}"
        headers = {"Host": f"localhost:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";")[0].partition("=")
                self.cookies[name] = value
            return response.status, text
        finally:
            connection.close()

    def sign_in(self, password: str) -> int:
        status, page = self.request("GET", LOGIN)
        assert status == 200, page
        token = CSRF_FIELD.search(page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": USERNAME, "password": password}
        return self.request("POST", LOGIN, form)[0]


def _addresses_with_failures(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT DISTINCT ip_address FROM axes_accessattempt")
        return {address for (address,) in rows}


def test_one_visitors_wrong_passwords_pause_only_that_visitor(site):
    attacker = Visitor(site, ATTACKER)
    statuses = [attacker.sign_in("not-the-password") for _ in range(FAILURE_LIMIT)]
    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429]
    assert attacker.sign_in(PASSWORD) == 429

    member_of_staff = Visitor(site, MEMBER_OF_STAFF)
    # A normal sign-in page over HTTPS (no redirect: nginx said the visitor used
    # HTTPS), and the right password signs in.
    status, page = member_of_staff.request("GET", LOGIN)
    assert status == 200
    assert 'name="password"' in page
    assert member_of_staff.sign_in(PASSWORD) == 302
    assert _addresses_with_failures(site.database) == {ATTACKER}


def test_writing_x_forwarded_for_does_not_choose_the_address_counted(site):
    for _ in range(FAILURE_LIMIT):
        Visitor(site, FORGER).sign_in("not-the-password")
    # Paused, the forger claims to be someone else: it is still counted as itself.
    assert Visitor(site, FORGER, forwarded_for="198.51.100.7").sign_in(PASSWORD) == 429
    assert Visitor(site, FORGER, forwarded_for=MEMBER_OF_STAFF).sign_in(PASSWORD) == 429
    # And a visitor whose header names the paused address is not paused:
    # only the address nginx saw counts.
    innocent = Visitor(site, MEMBER_OF_STAFF, forwarded_for=FORGER)
    assert innocent.sign_in(PASSWORD) == 302


def test_the_shipped_server_block_is_one_nginx_accepts(tmp_path):
    """docs/nginx/sendprogress.conf as a council would install it, but for its
    certificate, snippet and ports, which are the test's own."""
    nginx = _nginx()
    certificate, key = _certificate(tmp_path)
    site = (ROOT / "docs" / "nginx" / "sendprogress.conf").read_text()
    for placeholder, own in {
        "/etc/ssl/certs/send.example.gov.uk.pem": str(certificate),
        "/etc/ssl/private/send.example.gov.uk.key": str(key),
        "/etc/nginx/snippets/sendprogress-proxy.conf": str(PROXY_SNIPPET),
        "listen 80;": f"listen 127.0.0.1:{_free_port()};",
        "listen 443 ": f"listen 127.0.0.1:{_free_port()} ",
    }.items():
        assert placeholder in site
        site = site.replace(placeholder, own)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    configuration = _nginx_configuration(tmp_path, nginx, site)
    test = [nginx, "-t", "-p", str(tmp_path), "-c", str(configuration)]
    result = subprocess.run([*test, "-e", str(tmp_path / "e.log")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
