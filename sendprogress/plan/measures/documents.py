"""How a piece of public evidence is offered for download: its type and size.

A link goes straight out to where it is published; a file is offered
through the evidence download URL, never from the media folder directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.urls import reverse

from .models.evidence import Evidence

# What a family will recognise, by file extension.
FILE_KINDS = {
    ".pdf": "PDF",
    ".doc": "Word document",
    ".docx": "Word document",
    ".odt": "OpenDocument text",
    ".xls": "Excel spreadsheet",
    ".xlsx": "Excel spreadsheet",
    ".ods": "OpenDocument spreadsheet",
    ".csv": "CSV",
    ".ppt": "PowerPoint presentation",
    ".pptx": "PowerPoint presentation",
    ".txt": "Plain text",
    ".png": "PNG image",
    ".jpg": "JPEG image",
    ".jpeg": "JPEG image",
}


@dataclass(frozen=True)
class Attachment:
    evidence: Evidence
    href: str
    is_file: bool
    kind: str
    size: int | None = None
    site: str = ""

    @property
    def title(self) -> str:
        return self.evidence.title


def describe(evidence: Evidence) -> Attachment:
    if evidence.file:
        name = evidence.original_filename or evidence.file.name
        suffix = PurePosixPath(name).suffix.lower()
        try:
            size = evidence.file.size
        except OSError:
            # A missing file is listed without a size rather than breaking the page.
            size = None
        return Attachment(
            evidence=evidence,
            href=reverse("plan:evidence_download", args=[evidence.pk]),
            is_file=True,
            kind=FILE_KINDS.get(suffix, suffix.lstrip(".").upper() or "File"),
            size=size,
        )
    return Attachment(
        evidence=evidence,
        href=evidence.url,
        is_file=False,
        kind="Web page",
        site=urlsplit(evidence.url).hostname or "",
    )
