"""scripts/system-packages: what `make test` needs from outside Python, found,
installed (as root) or named clearly when missing.

Each test runs the script with a PATH holding only small stand-ins, so it never
touches the real apt-get, Chromium or PostgreSQL.
"""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-packages"
APT_LOG = "apt-get.log"


def _tool(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


@pytest.fixture
def bin_dir(tmp_path):
    """An empty PATH but for `id`; each test says who runs it and what is there."""
    path = tmp_path / "bin"
    path.mkdir()
    # apt-get "installs" by making the programs appear, and notes what it was asked.
    _tool(
        path,
        "apt-get",
        f'echo "$@" >> "{tmp_path / APT_LOG}"\n'
        'case "$*" in *install*)\n'
        "  for p in chromium pg_dump pg_restore nginx openssl java npm; do\n"
        f"    printf '#!/bin/sh\\n' > {path}/$p; done\n"
        f"  printf '#!/bin/sh\\necho t\\n' > {path}/psql\n"
        f"  /bin/chmod +x {path}/*;;\nesac",
    )
    return path


def _run(bin_dir: Path, *, uid: int, **env):
    _tool(bin_dir, "id", f"echo {uid}")
    # nginx where the stand-ins are, not Debian's in /usr/sbin on this machine.
    environment = {"PATH": str(bin_dir), "NGINX": str(bin_dir / "nginx"), **env}
    return subprocess.run(
        ["/bin/bash", str(SCRIPT)], env=environment, capture_output=True, text=True, check=False
    )


def _apt_calls(bin_dir: Path) -> str:
    log = bin_dir.parent / APT_LOG
    return log.read_text() if log.exists() else ""


def test_without_root_it_names_each_missing_package_and_the_command(bin_dir):
    result = _run(bin_dir, uid=1000)

    assert result.returncode == 1
    assert "Chromium is missing" in result.stderr
    assert "sudo apt-get install chromium" in result.stderr
    assert "pg_dump, pg_restore, psql" in result.stderr
    assert "sudo apt-get install postgresql-client" in result.stderr
    assert _apt_calls(bin_dir) == "", "it must not try apt-get without root"


def test_as_root_it_installs_the_missing_packages_from_debian(bin_dir):
    result = _run(bin_dir, uid=0)

    assert result.returncode == 0, result.stderr
    assert "install -y -qq chromium postgresql-client" in _apt_calls(bin_dir)
    assert "nginx openssl" in _apt_calls(bin_dir)
    assert "default-jre-headless npm" in _apt_calls(bin_dir)
    assert "ready" in result.stdout


def test_without_root_it_names_nginx_and_openssl_for_the_proxy_test(bin_dir):
    for name in ("chromium", "pg_dump", "pg_restore"):
        _tool(bin_dir, name, "exit 0")
    _tool(bin_dir, "psql", "echo t")

    result = _run(bin_dir, uid=1000)

    assert result.returncode == 1
    assert "tests/security/test_behind_nginx.py" in result.stderr
    assert f"NGINX={bin_dir / 'nginx'} is not a program" in result.stderr
    assert "sudo apt-get install openssl" in result.stderr


def test_an_unreachable_server_is_named_without_its_password(bin_dir):
    for name in ("chromium", "pg_dump", "pg_restore"):
        _tool(bin_dir, name, "exit 0")
    _tool(bin_dir, "psql", 'echo "psql: error: connection refused" >&2; exit 2')

    result = _run(
        bin_dir,
        uid=1000,
        BACKUP_TEST_DATABASE_URL="postgres://backup:s3cret-word@db.example:5432/postgres",
    )

    assert result.returncode == 1
    assert "PostgreSQL at postgres://db.example:5432/postgres cannot be reached" in result.stderr
    assert "BACKUP_TEST_DATABASE_URL" in result.stderr
    assert "s3cret-word" not in result.stderr + result.stdout
    assert "Chromium" not in result.stderr


def test_a_server_whose_user_cannot_create_databases_is_refused(bin_dir):
    for name in ("chromium", "pg_dump", "pg_restore"):
        _tool(bin_dir, name, "exit 0")
    _tool(bin_dir, "psql", "echo f")

    result = _run(bin_dir, uid=1000)

    assert result.returncode == 1
    assert "its user may not create databases" in result.stderr


def test_without_root_it_names_java_and_npm_for_the_html_checker(bin_dir):
    result = _run(bin_dir, uid=1000)

    assert result.returncode == 1
    assert "sudo apt-get install default-jre-headless" in result.stderr
    assert "tests/pages/test_valid_html.py" in result.stderr
    assert "sudo apt-get install npm" in result.stderr


def test_a_vnu_jar_named_by_the_environment_stands_in_for_npm(bin_dir, tmp_path):
    jar = tmp_path / "vnu.jar"
    jar.write_bytes(b"")
    result = _run(bin_dir, uid=1000, VNU_JAR=str(jar))

    assert "npm is missing" not in result.stderr
    assert "Java is missing" in result.stderr


def test_a_chromium_named_by_the_environment_must_exist(bin_dir, tmp_path):
    _tool(bin_dir, "chromium", "exit 0")  # on PATH, but CHROMIUM says otherwise
    result = _run(bin_dir, uid=1000, CHROMIUM=str(tmp_path / "no-such-chromium"))

    assert result.returncode == 1
    assert f"CHROMIUM={tmp_path / 'no-such-chromium'} is not a program" in result.stderr


def test_it_passes_on_this_machine():
    """The machine running the suite has what the suite needs (as CI checks first)."""
    result = subprocess.run(
        [str(SCRIPT)], env=os.environ.copy(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
