"""Plain sentences about inspections and findings, in each framework's own words.

Pure functions over objects already loaded, so the home page can say what
inspectors found without a query per sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from . import frameworks

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def number(n: int) -> str:
    """Numbers up to nine in words, as plain English style guides ask."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def counted(items, keys: Iterable[str], phrase: Callable[[Any, int], str]) -> str:
    """`phrase(item, n)` for each of a framework's `items` that `keys` name
    (n times), in the framework's order, joined; keys it does not know are
    left out."""
    counts = Counter(keys)
    return join([phrase(item, counts[item.key]) for item in items if counts[item.key]])


def findings_named(framework: frameworks.Framework, kinds: Iterable[str]) -> str:
    """For example: "three priority actions and five areas for improvement"."""
    return counted(
        framework.finding_kinds,
        kinds,
        lambda kind, n: f"{number(n)} {kind.singular if n == 1 else kind.plural}",
    ) or "no " + " or ".join(k.plural for k in framework.finding_kinds)


def judgements_given(framework: frameworks.Framework, outcomes: Iterable[str]) -> str:
    """For example: "sufficient progress for three and some progress, not yet sufficient
    for three" — the outcome labels of one inspection's judgements, counted."""
    return counted(
        framework.judgement_outcomes,
        outcomes,
        lambda outcome, n: f"{outcome.label.lower()} for {number(n)}",
    )
