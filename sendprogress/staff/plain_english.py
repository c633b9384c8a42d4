"""Plain-English advice on an update as it is written. Advice only: it never stops a save.

- **Reading age**: the Flesch-Kincaid grade level plus 5 (a US school grade
  starts at age 5 or 6). GOV.UK writes for a reading age of 9.
- **Long sentences**: more than 25 words.
- **Short forms**: a run of capitals (EHCP, SEND) that the text never spells
  out as "words (SHORT)" and that the glossary does not explain (the site
  spells glossary terms out on first use by itself).

Pure functions: the glossary's short forms are passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TARGET_READING_AGE = 9
LONG_SENTENCE = 25

_MARKDOWN = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the words
    (re.compile(r"^\s{0,3}(#{1,6}|[*+-]|\d+\.|>)\s+", re.MULTILINE), ""),  # headings, lists
    (re.compile(r"[*_`]+"), ""),
]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n{2,}|\n(?=\S)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_SHORT_FORM = re.compile(r"\b([A-Z][A-Z&]{1,7})s?\b")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass
class Advice:
    reading_age: int | None = None
    long_sentences: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)

    @property
    def reads_easily(self) -> bool:
        return self.reading_age is None or self.reading_age <= TARGET_READING_AGE


def plain_text(markdown: str) -> str:
    text = markdown or ""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def syllables(word: str) -> int:
    word = word.lower().strip("'\u2019-")
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if _WORD.search(s)]


def advise(markdown: str, *, glossary: set[str] = frozenset()) -> Advice:
    text = plain_text(markdown)
    found = sentences(text)
    words = _WORD.findall(text)
    advice = Advice()
    if not words:
        return advice
    grade = (
        0.39 * len(words) / len(found)
        + 11.8 * sum(syllables(w) for w in words) / len(words)
        - 15.59
    )
    advice.reading_age = max(5, round(grade + 5))
    for sentence in found:
        count = len(_WORD.findall(sentence))
        if count > LONG_SENTENCE:
            opening = " ".join(sentence.split()[:8])
            advice.long_sentences.append(f"“{opening}…” ({count} words)")
    for short in dict.fromkeys(m.group(1) for m in _SHORT_FORM.finditer(text)):
        spelt_out = re.search(rf"\(\s*{re.escape(short)}s?\s*\)", text)
        if not spelt_out and short not in glossary:
            advice.unexplained.append(short)
    return advice
