"""Markdown for updates: rendered by markdown-it-py, then cleaned by nh3.

Two layers, so that one mistake is not enough: markdown-it-py is told not to
pass raw HTML through at all (it is shown as text), and whatever HTML it makes
is then cleaned against a short allowlist. Only what a written update needs
survives: headings, paragraphs, lists, links, emphasis, quotes, tables and
images from this site with alt text. No attribute can carry script or style,
and only http(s) and mailto links are kept.

Images come only from the updates' own picture address (/updates/images/<n>/,
see views/images.py): the Content-Security-Policy allows no other site, a
picture from elsewhere would tell that site who read the update, and a file
anywhere else on this site was not checked as a picture. An image always
keeps its alt text (an empty one is shown as a problem in the editor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# GOV.UK Frontend classes, added by the cleaner (authors cannot add classes).
CLASSES = {
    "h2": {"class": "govuk-heading-m"},
    "h3": {"class": "govuk-heading-s"},
    "h4": {"class": "govuk-heading-s"},
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "a": {"class": "govuk-link"},
    "table": {"class": "govuk-table"},
    "tr": {"class": "govuk-table__row"},
    "th": {"class": "govuk-table__header"},
    "td": {"class": "govuk-table__cell"},
    "blockquote": {"class": "govuk-inset-text"},
    "img": {"class": "app-post-image"},
}


# PostImage.get_absolute_url(); tests/updates/test_images.py holds them together.
IMAGE_ADDRESS = re.compile(r"/updates/images/[1-9][0-9]{0,17}/")


def _is_local_image(src: str) -> bool:
    """Whether the picture is one uploaded for updates (see the module docstring)."""
    return IMAGE_ADDRESS.fullmatch(src) is not None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _is_local_image(value):
        return None
    if tag == "img" and attribute == "alt":
        return value.strip() or "An uploaded picture (its alt text is missing)"
    return value


@cache
def _parser() -> MarkdownIt:
    # "commonmark" plus tables; html=False shows raw HTML as text.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def sanitise_html(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style", "svg", "math", "iframe", "object", "template"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_attribute_filter,
        set_tag_attribute_values=CLASSES,
    )


def _shift_headings(tokens) -> None:
    """The page title is the only <h1>; a "# heading" in a post becomes <h2>."""
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            level = min(int(token.tag[1]) + 1, 4)
            token.tag = f"h{level}"


def _alt_text(token) -> str:
    return "".join(child.content for child in token.children or ()).strip()


def _refused_images_as_words(tokens) -> None:
    """An image from anywhere else is shown as its alt text, not fetched (see above)."""
    for block in tokens:
        for token in block.children or ():
            if token.type == "image" and not _is_local_image(str(token.attrGet("src") or "")):
                token.type, token.tag, token.content = "text", "", _alt_text(token)
                token.children, token.attrs = None, {}


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML that is safe to put in a page."""
    parser = _parser()
    tokens = parser.parse(text or "")
    _shift_headings(tokens)
    _refused_images_as_words(tokens)
    html = parser.renderer.render(tokens, parser.options, {})
    return mark_safe(sanitise_html(html))  # noqa: S308 - cleaned by nh3 just above


@dataclass(frozen=True)
class ImageProblem:
    src: str
    message: str


def image_problems(text: str) -> list[ImageProblem]:
    """Images an author must fix before saving: no alt text, or not from this site."""
    problems = []
    for block in _parser().parse(text or ""):
        for token in block.children or ():
            if token.type != "image":
                continue
            src = str(token.attrGet("src") or "")
            alt = _alt_text(token)
            if not alt:
                problems.append(
                    ImageProblem(
                        src,
                        f"The image {src or '(no address)'} needs alt text: write what it shows "
                        "between the square brackets, like ![A chart of plans issued on time]"
                        f"({src}).",
                    )
                )
            elif not _is_local_image(src):
                problems.append(
                    ImageProblem(
                        src,
                        f"The image {src} is not one uploaded for updates. Add it under "
                        "“Images” on this page and paste the Markdown given there, or link "
                        "to it instead.",
                    )
                )
    return problems
