"""Uploaded files: what a name says, read the same way for every upload, and
opening a stored one to serve it."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.http import Http404


def named(upload: Any) -> tuple[str, str, list[str]]:
    """An upload's own name (without any folders the browser sent), the
    extension its type is judged by, and any inner ones ("report.exe.pdf":
    ".pdf" and [".exe"]), in lower case. Evidence (plan/measures/uploads.py) and update
    pictures (updates/images.py) both read a name this way."""
    name = PurePosixPath(upload.name or "").name
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    return name, suffixes[-1] if suffixes else "", suffixes[:-1]


def open_or_404(record: Any, *, missing: str, gone: str) -> Any:
    """The stored file of `record` (what a file address found, or None), open
    for reading: "Page not found" with `missing` when there is no record, and
    with `gone` when its file is no longer in storage, never a server error."""
    if record is None:
        raise Http404(missing)
    try:
        return record.file.open("rb")
    except OSError as error:
        raise Http404(gone) from error
