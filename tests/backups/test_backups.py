"""Back up the demo content from PostgreSQL, restore it into an empty database,
and find the same rows, the same uploaded files and the same public pages.

Runs in both CI runs (SQLite and PostgreSQL) against the PostgreSQL server at
BACKUP_TEST_DATABASE_URL, making and dropping its own scratch databases. If
that server or pg_dump cannot be reached the test fails: a backup that has not
been restored is not known to work.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from sendprogress.backups import Database

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SERVER_URL = os.environ.get(
    "BACKUP_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
SITE = "tests.backups.site"
PREFIX = os.environ.get("BACKUP_TEST_DB_PREFIX", "sp_backup_test")


def _url_for(name: str) -> str:
    parts = urlsplit(SERVER_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _run(*args, env=None):
    result = subprocess.run(
        [*args], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stderr}"
    return result


def _site(database_url: str, media: Path):
    env = os.environ.copy()
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        DJANGO_SETTINGS_MODULE="tests.backups.settings",
    )
    env.pop("EXPECT_DB_VENDOR", None)
    return env


def _contents(url: str) -> dict[str, list]:
    """Every row of every table, in a stable order, and every sequence's position."""
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        contents = {
            table: sorted(
                map(repr, conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))))
            )
            for table in tables
        }
        contents["(sequences)"] = sorted(
            map(
                repr,
                conn.execute(
                    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
                ),
            )
        )
    return contents


@pytest.fixture
def postgres_server():
    """A connection to the PostgreSQL server for making scratch databases; never skipped."""
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            pytest.fail(
                f"{tool} is not installed. The backup test needs the PostgreSQL client tools "
                "(apt-get install postgresql-client); it is never skipped."
            )
    try:
        conn = psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"Cannot reach PostgreSQL at {SERVER_URL} (set BACKUP_TEST_DATABASE_URL): {error}. "
            "The backup test needs a PostgreSQL server; it is never skipped."
        )
    with conn:
        yield conn


@pytest.fixture
def scratch_databases(postgres_server):
    """Two new empty databases, dropped afterwards whatever happens."""
    token = secrets.token_hex(4)
    names = [f"{PREFIX}_{token}_source", f"{PREFIX}_{token}_restored"]
    for name in names:
        postgres_server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield [_url_for(name) for name in names]
    finally:
        for name in names:
            postgres_server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def test_a_backup_restores_the_same_rows_files_and_public_pages(scratch_databases, tmp_path):
    source_url, restored_url = scratch_databases
    source_media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    python = sys.executable

    source = _site(source_url, source_media)
    _run(python, "manage.py", "migrate", "--no-input", env=source)
    _run(
        python, "manage.py", "loaddata", "fixtures/demo.json", "fixtures/glossary.json", env=source
    )
    _run(python, "-m", SITE, "seed", env=source)

    backup_dir = tmp_path / "backup"
    _run(python, "scripts/backup", str(backup_dir), env=source)
    assert sorted(p.name for p in backup_dir.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]
    restored = _site(restored_url, restored_media)
    _run(python, "scripts/restore", str(backup_dir), env=restored)

    # The same rows in every table.
    before, after = _contents(source_url), _contents(restored_url)
    assert sorted(after) == sorted(before)
    for table in before:
        assert after[table] == before[table], f"{table} differs after the restore"
    assert len(after["plan_figure"]) == 75
    assert len(after["plan_evidence"]) == 6

    # The same uploaded files.
    files = sorted(p.relative_to(source_media) for p in source_media.rglob("*") if p.is_file())
    assert files, "the seed uploaded no file"
    for name in files:
        assert (restored_media / name).read_bytes() == (source_media / name).read_bytes()

    # The same public pages, downloads and evidence files.
    pages_before = json.loads(_run(python, "-m", "tests.backups.site", "pages", env=source).stdout)
    pages_after = json.loads(
        _run(python, "-m", "tests.backups.site", "pages", env=restored).stdout
    )
    assert len(pages_before) > 30
    assert all(status == 200 for status, *_ in pages_before.values()), pages_before
    assert pages_after == pages_before

    # A second restore over the restored site is refused, and changes nothing...
    refused = subprocess.run(
        [python, "scripts/restore", str(backup_dir)],
        cwd=BASE_DIR,
        env=restored,
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1
    assert "Nothing restored" in refused.stderr
    assert "--force" in refused.stderr
    # ...unless forced, which replaces it with the backup again.
    _run(python, "scripts/restore", "--force", str(backup_dir), env=restored)
    assert _contents(restored_url) == before


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, scratch_databases):
    from sendprogress.backups import DUMP, MEDIA, SUMS, BackupError, restore

    source = tmp_path / "backup"
    source.mkdir()
    (source / DUMP).write_bytes(b"not a dump")
    (source / MEDIA).write_bytes(b"not an archive")
    (source / SUMS).write_text(f"{'0' * 64}  {DUMP}\n{'0' * 64}  {MEDIA}\n")
    with pytest.raises(BackupError, match="does not match its checksum"):
        restore(
            source=source,
            database=Database.from_url(scratch_databases[1]),
            media=tmp_path / "media",
        )
    assert not (tmp_path / "media").exists()


@pytest.mark.parametrize(
    ("url", "uri", "password"),
    [
        (
            "postgres://app:s%40cret@db.internal:6432/send?sslmode=require",
            "postgresql://app@db.internal:6432/send?sslmode=require",
            "s@cret",
        ),
        ("postgresql://postgres@127.0.0.1/x", "postgresql://postgres@127.0.0.1/x", None),
    ],
)
def test_the_password_never_goes_on_the_command_line(url, uri, password):
    database = Database.from_url(url)
    assert database.uri == uri
    assert database.password == password


@pytest.mark.parametrize("url", ["", "sqlite:///var/sendprogress.sqlite3"])
def test_only_postgresql_is_backed_up_by_the_scripts(url):
    from sendprogress.backups import BackupError

    with pytest.raises(BackupError, match="DATABASE_URL"):
        Database.from_url(url)
