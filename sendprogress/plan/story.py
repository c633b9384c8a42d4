"""Plain sentences about inspections and findings, in each framework's own words.

Pure functions over objects already loaded, so the home page can say what
inspectors found without a query per sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from . import frameworks

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def number(n: int) -> str:
    """Numbers up to nine in words, as plain English style guides ask."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def findings_named(framework: frameworks.Framework, kinds: Iterable[str]) -> str:
    """For example: "three priority actions and five areas for improvement".

    In the framework's order of kinds; kinds it does not know are left out.
    """
    counts = Counter(kinds)
    parts = []
    for kind in framework.finding_kinds:
        n = counts.get(kind.key, 0)
        if n:
            parts.append(f"{number(n)} {kind.singular if n == 1 else kind.plural}")
    return join(parts) or "no " + " or ".join(k.plural for k in framework.finding_kinds)


def judgements_given(framework: frameworks.Framework, outcomes: Iterable[str]) -> str:
    """For example: "sufficient progress for three and some progress, not yet sufficient
    for three" — the outcome labels of one inspection's judgements, counted."""
    counts = Counter(outcomes)
    parts = []
    for outcome in framework.judgement_outcomes:
        n = counts.get(outcome.key, 0)
        if n:
            parts.append(f"{outcome.label.lower()} for {number(n)}")
    return join(parts)
