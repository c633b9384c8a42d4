"""Back up and restore a PostgreSQL deployment: the database and the uploaded files.

A backup is a directory holding

- `database.dump`: `pg_dump --format=custom` of the whole database, without
  owners or grants, so it restores into any database the restoring user owns;
- `media.tar.gz`: every file under MEDIA_ROOT (uploaded evidence and updates' pictures);
- `SHA256SUMS`: checksums of both, checked before a restore changes anything.

Used by `scripts/backup` and `scripts/restore` (and `make backup` / `make
restore`). Needs only the standard library and the PostgreSQL client tools
(pg_dump, pg_restore, psql) of the server's major version or newer; it reads
DATABASE_URL and MEDIA_ROOT as the site does, and does not load Django.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DUMP = "database.dump"
MEDIA = "media.tar.gz"
SUMS = "SHA256SUMS"


class BackupError(Exception):
    """Something a person has to fix; the message says what."""


@dataclass(frozen=True)
class Database:
    """A PostgreSQL database named by a URL, handed to the client tools safely.

    The password goes in PGPASSWORD rather than on the command line, where
    anyone on the host could read it in the process list.
    """

    uri: str
    password: str | None

    @classmethod
    def from_url(cls, url: str | None) -> Database:
        if not url:
            raise BackupError("Set DATABASE_URL to the PostgreSQL database, e.g. postgres://…")
        parts = urlsplit(url)
        if parts.scheme not in {"postgres", "postgresql"}:
            raise BackupError(
                f"DATABASE_URL must be a PostgreSQL URL (postgres://…), not {parts.scheme}://…. "
                "The SQLite demo database is a single file: copy it instead."
            )
        netloc = parts.hostname or ""
        if ":" in netloc:  # an IPv6 address
            netloc = f"[{netloc}]"
        if parts.port:
            netloc = f"{netloc}:{parts.port}"
        if parts.username:
            netloc = f"{parts.username}@{netloc}"
        uri = urlunsplit(("postgresql", netloc, parts.path, parts.query, ""))
        password = unquote(parts.password) if parts.password is not None else None
        return cls(uri=uri, password=password)

    @property
    def name(self) -> str:
        return unquote(urlsplit(self.uri).path.lstrip("/")) or "(default)"

    def run(self, tool: str, *args: str) -> subprocess.CompletedProcess:
        if shutil.which(tool) is None:
            raise BackupError(f"{tool} is not installed: install the PostgreSQL client tools.")
        env = os.environ.copy()
        if self.password is not None:
            env["PGPASSWORD"] = self.password
        result = subprocess.run(  # noqa: S603 (a fixed tool, no shell)
            [tool, *args], env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise BackupError(f"{tool} failed for database {self.name}:\n{result.stderr.strip()}")
        return result

    def table_count(self) -> int:
        result = self.run(
            "psql",
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--dbname",
            self.uri,
            "--command",
            "SELECT count(*) FROM pg_catalog.pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
        )
        return int(result.stdout.strip())


def media_root() -> Path:
    return Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(*, database: Database, media: Path, destination: Path) -> Path:
    """Write a backup of the database and the media files into a new directory."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} already holds files: choose a new directory.")
    destination.mkdir(parents=True, exist_ok=True)
    database.run(
        "pg_dump",
        "--format=custom",
        "--no-owner",
        "--no-acl",
        "--file",
        str(destination / DUMP),
        "--dbname",
        database.uri,
    )
    with tarfile.open(destination / MEDIA, "w:gz") as archive:
        if media.is_dir():
            for path in sorted(media.rglob("*")):
                archive.add(path, arcname=str(path.relative_to(media)), recursive=False)
    (destination / SUMS).write_text(
        "".join(f"{_sha256(destination / name)}  {name}\n" for name in (DUMP, MEDIA))
    )
    return destination


def _check_sums(source: Path) -> None:
    sums = source / SUMS
    if not sums.is_file():
        raise BackupError(f"{source} is not a backup: it has no {SUMS} file.")
    expected = dict(reversed(line.split("  ", 1)) for line in sums.read_text().splitlines())
    for name in (DUMP, MEDIA):
        if not (source / name).is_file():
            raise BackupError(f"{source} is missing {name}.")
        if expected.get(name) != _sha256(source / name):
            raise BackupError(f"{source / name} does not match its checksum: it is damaged.")


def restore(*, source: Path, database: Database, media: Path, force: bool = False) -> None:
    """Restore a backup into a database and MEDIA_ROOT.

    Refuses, before changing anything, unless the database has no tables and
    MEDIA_ROOT is empty or missing; `force` replaces what is there instead
    (the old media files are kept beside, renamed).
    """
    _check_sums(source)
    has_tables = database.table_count() > 0
    has_media = media.is_dir() and any(media.iterdir())
    if not force and (has_tables or has_media):
        what = " and ".join(
            text
            for text, present in (
                (f"database {database.name} has tables", has_tables),
                (f"{media} holds files", has_media),
            )
            if present
        )
        raise BackupError(
            f"Nothing restored: {what}. Restore into an empty database and media "
            "directory, or pass --force to replace what is there."
        )
    restore_args = ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
    if has_tables:
        restore_args += ["--clean", "--if-exists"]
    database.run("pg_restore", *restore_args, "--dbname", database.uri, str(source / DUMP))
    if has_media:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        media.rename(media.with_name(f"{media.name}.replaced-{stamp}"))
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        archive.extractall(media, filter="data")  # refuses absolute paths and ../


def main_backup(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/backup",
        description="Back up the PostgreSQL database (DATABASE_URL) and the uploaded "
        "files (MEDIA_ROOT) into a new directory.",
    )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    default = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "var" / "backups") / stamp
    parser.add_argument("destination", nargs="?", type=Path, default=default)
    args = parser.parse_args(argv)
    try:
        where = backup(
            database=Database.from_url(os.environ.get("DATABASE_URL")),
            media=media_root(),
            destination=args.destination,
        )
    except BackupError as error:
        print(f"backup: {error}", file=sys.stderr)
        return 1
    print(f"Backed up to {where}")
    return 0


def main_restore(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/restore",
        description="Restore a backup made by scripts/backup into the PostgreSQL "
        "database (DATABASE_URL) and the uploads directory (MEDIA_ROOT).",
    )
    parser.add_argument("source", type=Path, help="the backup directory")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the tables and media files already there",
    )
    args = parser.parse_args(argv)
    try:
        restore(
            source=args.source,
            database=Database.from_url(os.environ.get("DATABASE_URL")),
            media=media_root(),
            force=args.force,
        )
    except BackupError as error:
        print(f"restore: {error}", file=sys.stderr)
        return 1
    print(f"Restored {args.source}. Run `manage.py migrate` if this code is newer than it.")
    return 0
