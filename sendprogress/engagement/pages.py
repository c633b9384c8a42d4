"""Which public page a piece of feedback is about.

Only an address of this site's public pages is accepted: it is where the
visitor is sent back to after sending the form (so it must not lead
elsewhere), and staff group feedback by it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import Resolver404, resolve

from sendprogress.plan.models import Finding, Measure
from sendprogress.public import is_public

MAX_LENGTH = 200


@dataclass(frozen=True)
class Page:
    path: str
    finding: Finding | None
    fixed: bool = False  # an address with no slug, code or other part that could be made up


def public_page(path: str) -> Page | None:
    """The public page at `path` (no query string), or None if there is none."""
    path = path.split("?")[0].split("#")[0]
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    if len(path) > MAX_LENGTH or any(ord(character) < 32 for character in path):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if not is_public(match.func):
        return None
    return Page(path, _finding_of(match), fixed=not match.args and not match.kwargs)


def _finding_of(match) -> Finding | None:
    """The finding a page is about, for staff to see feedback by finding."""
    if match.view_name == "plan:finding_detail":
        return Finding.objects.public().filter(slug=match.kwargs["slug"]).first()
    if match.view_name == "plan:measure_detail":
        measure = Measure.objects.public().filter(code=match.kwargs["code"]).first()
        return measure.findings.first() if measure else None
    return None
