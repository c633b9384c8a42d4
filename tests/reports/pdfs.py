"""Reading a report's PDF back as a reader would: its text, page by page, and
what it declares about itself (tags, language, title, PDF/UA)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(bytes(pdf)), strict=True)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def text(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def font_families(pdf: bytes) -> set[str]:
    """The family of every font the pages use, as its descriptor names it
    ("DejaVu Sans" for both DejaVu-Sans and DejaVu-Sans-Bold)."""
    families = set()
    for page in read(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                families.add(str(descriptor["/FontFamily"]))
    return families
