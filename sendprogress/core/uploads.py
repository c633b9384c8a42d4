"""What an uploaded file's name says, read the same way for every upload."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any


def named(upload: Any) -> tuple[str, str, list[str]]:
    """An upload's own name (without any folders the browser sent), the
    extension its type is judged by, and any inner ones ("report.exe.pdf":
    ".pdf" and [".exe"]), in lower case. Evidence (plan/uploads.py) and update
    pictures (updates/images.py) both read a name this way."""
    name = PurePosixPath(upload.name or "").name
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    return name, suffixes[-1] if suffixes else "", suffixes[:-1]
