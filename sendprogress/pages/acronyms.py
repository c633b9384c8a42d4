"""Spell out each short form the first time a page uses it.

A tooltip (`<abbr title>`) is not read by most screen readers and cannot be
seen on a phone, so the first use on each page is written out in words:
"education, health and care plan (EHCP)". Later uses stay short. The short
forms come from the glossary, so they are data, not code.

The glossary's other words ("stocktake", "priority action", "Ofsted") are
explained the same way, once a page: `{% explain %}` links their first use in
running text to their entry in the glossary. It is used only where a link may
go (never inside another link or a heading).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe


def _escaped(text) -> str:
    """What Django's `conditional_escape` gives, as a plain str.

    Called for every `{% expand %}` on a page (once per row on the longer
    ones), so it skips the lazy-string wrappers Django's version goes
    through; `tests/pages/test_acronyms.py` checks the two agree.
    """
    if hasattr(text, "__html__"):
        return str(text.__html__())
    return html.escape(str(text))


def in_running_text(term: str) -> str:
    """ "Special educational needs" -> "special educational needs"; names keep capitals."""
    words = term.split()
    if len(words) > 1 and all(w[:1].islower() or not w[:1].isalpha() for w in words[1:]):
        return term[:1].lower() + term[1:]
    return term


@dataclass
class Acronyms:
    """The short forms one page has already explained."""

    terms: dict[str, str]
    # The glossary's words without a short form, each with its address:
    # {"stocktake": "/glossary/#stocktake"}.
    words: dict[str, str] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def __post_init__(self):
        # Longest first, so "EHC needs assessment" wins over "EHC plan".
        forms = sorted(self.terms, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(s?)(?![\w-])")
            if forms
            else None
        )
        self._addresses = {html.escape(w).lower(): href for w, href in self.words.items()}
        self._words = (
            re.compile(
                r"(?<![\w-])("
                + "|".join(re.escape(w) for w in sorted(self._addresses, key=len, reverse=True))
                + r")(s?)(?![\w-])",
                re.IGNORECASE,
            )
            if self._addresses
            else None
        )

    def mark_explained(self, *short_forms: str) -> None:
        self.seen.update(short_forms)

    def expand(self, text) -> SafeString:
        """The text, escaped, with each not-yet-explained short form spelt out."""
        escaped = _escaped(text)
        if self._pattern is None:
            return mark_safe(escaped)  # noqa: S308 - escaped above

        def replace(match: re.Match) -> str:
            short, plural = match.group(1), match.group(2)
            # "… plans (EHCPs)": the text spells it out itself.
            already_spelt_out = (
                escaped[match.start() - 1 : match.start()] == "("
                and escaped[match.end() : match.end() + 1] == ")"
            )
            if short in self.seen or already_spelt_out:
                self.seen.add(short)
                return match.group(0)
            self.seen.add(short)
            full = in_running_text(self.terms[short])
            starts_sentence = match.start() == 0 or escaped[: match.start()].rstrip().endswith(
                (".", "!", "?", ":")
            )
            if starts_sentence:
                full = full[:1].upper() + full[1:]
            return f"{_escaped(full)}{plural} ({short}{plural})"

        return mark_safe(self._pattern.sub(replace, escaped))  # noqa: S308 - escaped above

    def explain(self, text) -> SafeString:
        """`expand`, then the first use on the page of each glossary word
        linked to its entry: "the <a href="/glossary/#stocktake">stocktake</a>"."""
        expanded = self.expand(text)
        if self._words is None:
            return expanded

        def link(match: re.Match) -> str:
            word = match.group(1).lower()
            if word in self.seen:
                return match.group(0)
            self.seen.add(word)
            href = _escaped(self._addresses[word])
            return f'<a class="govuk-link" href="{href}">{match.group(0)}</a>'

        # `expanded` is escaped text with no tags, so every match is in words.
        return mark_safe(self._words.sub(link, expanded))  # noqa: S308 - escaped above
