"""How hard a page's running text is to read: the Flesch-Kincaid grade.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

A grade of 4 is about reading age 9, what GOV.UK aims for. The method is
written here, not taken from a library, so the figure never moves because a
dependency changed its word lists:

- **Running text** is the text of `<main>`, in paragraphs, list items,
  definitions (`<dd>`), table cells with a letter in them, table and figure
  captions, details summaries, form labels and legends. Headings, navigation,
  header and footer, status labels (`govuk-tag`), the captions that go with
  headings (`govuk-caption-*`), buttons, scripts, SVG and
  anything `hidden` are left out. Each block is read on its own; a block of
  fewer than three words ("Report", "4 July 2022 · Revisit") is a label, not
  running text, and is left out too.
- **Sentences**: a block splits after `.`, `!` or `?` followed by a space or its
  end; a block with no full stop (a list item, a label) is one sentence.
- **Words**: runs of letters, joined by an apostrophe or hyphen ("don't",
  "co-production" are one word). Figures and dates in digits are not words.
- **Syllables** of a word: lower-cased and letters only; a word of three
  letters or fewer has one. Otherwise a silent final "e" is dropped (but not
  the "le" of "table"), as are "ed" (but not after t or d: "needed") and "es"
  (but not after s, x, z, c, g, ch or sh: "places"); a leading "y" is a
  consonant. Then each run of the vowels a, e, i, o, u, y is one syllable,
  and every word has at least one.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCKS = {"p", "li", "dd", "td", "caption", "figcaption", "summary", "label", "legend"}
LEFT_OUT = {
    "h1", "h2", "h3", "h4", "h5", "h6", "nav", "header", "footer",
    "script", "style", "svg", "template", "noscript", "button",
}  # fmt: skip
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "source", "track", "wbr",
}  # fmt: skip

# Fewer words than this and a block is a label, not running text.
LABEL_WORDS = 3
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_VOWEL_RUN = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """The syllables in one word, by the rules in this module's docstring."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 0
    if len(letters) <= 3:
        return 1
    if letters.endswith("e") and not re.search(r"[^aeiouy]le$", letters):
        letters = letters[:-1]
    elif re.search(r"[^td]ed$", letters) or (
        letters.endswith("es") and not re.search(r"(?:[sxzcg]|ch|sh)es$", letters)
    ):
        letters = letters[:-2]
    letters = letters.removeprefix("y")
    return max(1, len(_VOWEL_RUN.findall(letters)))


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
        )

    @property
    def grade(self) -> float | None:
        """The Flesch-Kincaid grade, or None for a page with no running text."""
        if not self.words or not self.sentences:
            return None
        return 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59


def counts(block: str) -> Counts:
    """Words, sentences and syllables in one block of running text."""
    total = Counts()
    for sentence in _SENTENCE_END.split(block):
        words = _WORD.findall(sentence)
        if words:
            total += Counts(len(words), 1, sum(syllables(w) for w in words))
    return total


def grade(text: str) -> float | None:
    """The Flesch-Kincaid grade of text given as one block."""
    return counts(text).grade


def _is_label(css_class: str) -> bool:
    return css_class == "govuk-tag" or css_class.startswith("govuk-caption-")


class _RunningText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, text under it is left out)
        self.in_main = 0
        self.blocks: list[list[str]] = []
        self.open_blocks: list[list[str]] = []

    @property
    def _left_out(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            # A line break still parts two words.
            self.handle_data(" ")
            return
        attributes = dict(attrs)
        left_out = (
            self._left_out
            or tag in LEFT_OUT
            or "hidden" in attributes
            or any(_is_label(name) for name in (attributes.get("class") or "").split())
        )
        if tag == "main":
            self.in_main += 1
        self.stack.append((tag, left_out))
        if tag in BLOCKS:
            self.open_blocks.append([])

    def handle_endtag(self, tag):
        if tag in VOID or all(open_tag != tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == "main":
                self.in_main -= 1
            if open_tag in BLOCKS:
                self.blocks.append(self.open_blocks.pop())
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_main and self.open_blocks and not self._left_out:
            self.open_blocks[-1].append(data)


def running_text(html: str) -> list[str]:
    """The blocks of running text in a page's `<main>`, each as one line."""
    parser = _RunningText()
    parser.feed(html)
    parser.close()
    blocks = (" ".join("".join(parts).split()) for parts in parser.blocks)
    return [block for block in blocks if len(_WORD.findall(block)) >= LABEL_WORDS]


def page_counts(html: str) -> Counts:
    total = Counts()
    for block in running_text(html):
        total += counts(block)
    return total


def median_grade(grades) -> float | None:
    known = [g for g in grades if g is not None]
    return statistics.median(known) if known else None
