"""Checks on an uploaded evidence file: its name, its size and what it really is.

A file is accepted only when its extension is allowed AND its first bytes
match that type, so a renamed program or web page is refused.
"""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

from sendprogress.core.uploads import named

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
ALLOWED_TYPES_TEXT = "PDF, Word (DOCX), Excel (XLSX), CSV, PNG or JPEG"

# Inner extensions that make a name like "report.exe.pdf" suspicious.
RISKY_INNER = {
    ".exe", ".com", ".bat", ".cmd", ".scr", ".msi", ".js", ".vbs", ".ps1", ".sh",
    ".php", ".html", ".htm", ".svg", ".jar", ".dll", ".docm", ".xlsm",
}  # fmt: skip

_ZIP = b"PK\x03\x04"
_BINARY_STARTS = (b"MZ", b"\x7fELF", _ZIP, b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8")


def max_upload_bytes() -> int:
    return settings.EVIDENCE_MAX_UPLOAD_MB * 1024 * 1024


def validate_evidence_file(upload) -> None:
    name, suffix, inner_suffixes = named(upload)
    if suffix not in CONTENT_TYPES:
        raise ValidationError(
            f"“{name}” is not a type we accept. Upload a {ALLOWED_TYPES_TEXT} file.",
            code="type",
        )
    if any(inner in RISKY_INNER for inner in inner_suffixes):
        raise ValidationError(
            f"“{name}” has two extensions, which is how harmful files are disguised. "
            "Rename it with a single extension and upload it again.",
            code="double_extension",
        )
    if upload.size > max_upload_bytes():
        raise ValidationError(
            f"The file is {upload.size / (1024 * 1024):.1f} MB. "
            f"The largest file you can upload is {settings.EVIDENCE_MAX_UPLOAD_MB} MB.",
            code="size",
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    if not _content_matches(upload, suffix):
        raise ValidationError(
            f"The contents of “{name}” are not a real {suffix[1:].upper()} file. "
            "Save it again in that format and upload it.",
            code="signature",
        )


def _content_matches(upload, suffix: str) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix in (".docx", ".xlsx"):
        return head.startswith(_ZIP) and _office_part_present(upload, suffix)
    if suffix == ".csv":
        return _looks_like_text(upload)
    return False


def _office_part_present(upload, suffix: str) -> bool:
    """A DOCX holds word/document.xml and an XLSX xl/workbook.xml."""
    wanted = "word/document.xml" if suffix == ".docx" else "xl/workbook.xml"
    try:
        with zipfile.ZipFile(upload) as archive:
            return wanted in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def _looks_like_text(upload) -> bool:
    """Plain text in any common encoding: no program or document signature, no NUL bytes."""
    sample = upload.read(64 * 1024)
    upload.seek(0)
    return not sample.startswith(_BINARY_STARTS) and b"\x00" not in sample
