"""Read a page's form the way a browser would submit it: every field's name,
kind, current value and choices."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # an input type, "select", "select-multiple" or "textarea"
    values: list[str] = field(default_factory=list)  # what a browser would send now
    options: list[str] = field(default_factory=list)
    classes: str = ""


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, Field] = {}
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or tag not in {"input", "select", "option", "textarea"}:
            return
        if tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select.options.append(value)
            if "selected" in attrs:
                self._select.values.append(value)
            return
        name = attrs.get("name")
        if not name:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image"}:
                return
            found = self.fields.setdefault(
                name, Field(name, kind, classes=attrs.get("class") or "")
            )
            if kind in {"checkbox", "radio"}:
                found.options.append(attrs.get("value", "on"))
                if "checked" in attrs:
                    found.values.append(attrs.get("value", "on"))
            elif kind != "file":
                found.values = [attrs.get("value", "")]
        elif tag == "select":
            kind = "select-multiple" if "multiple" in attrs else "select"
            self._select = self.fields.setdefault(
                name, Field(name, kind, classes=attrs.get("class") or "")
            )
        elif tag == "textarea":
            self._textarea = self.fields.setdefault(name, Field(name, "textarea", values=[""]))

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.values = [self._textarea.values[0] + data]


def read_form(html: str, form_id: str) -> list[Field]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return list(reader.fields.values())


def as_submitted(fields: list[Field]) -> dict[str, list[str]]:
    """What a browser sends for the form as it stands (no file chosen)."""
    data = {}
    for f in fields:
        if f.kind == "select" and not f.values and f.options:
            data[f.name] = [f.options[0]]
        elif f.kind != "file" and f.values:
            data[f.name] = list(f.values)
    return data
