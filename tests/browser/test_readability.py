"""The readability command, run against the browser tests' live server, on both
demos: every public page type is read, and their median reading grade is 4 or
below (reading age 9, what GOV.UK aims for)."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "home",
    "all measures",
    "a measure",
    "a finding",
    "a plan",
    "journey",
    "documents",
    "updates",
    "an update",
    "you said, we did",
    "progress reports",
    "a progress report",
    "glossary",
    "search",
    "what has changed",
    "accessibility",
    "privacy",
    "email updates",
    "feedback",
]


def _report(base_url: str) -> dict[str, str]:
    out = io.StringIO()
    call_command("readability", base_url=base_url, stdout=out)
    rows = {}
    for line in out.getvalue().splitlines():
        name, _, rest = line.partition("  ")
        rows[name.strip()] = rest.split()[0]
    return rows


def _assert_plain(base_url: str) -> None:
    rows = _report(base_url)
    assert set(PAGE_TYPES) <= set(rows), f"page types not read: {set(PAGE_TYPES) - set(rows)}"
    assert float(rows["median"]) <= 4, "\n".join(f"{k}: {v}" for k, v in rows.items())


def test_the_2016_demo_reads_at_a_median_grade_of_4_or_below(live_demo):
    _assert_plain(live_demo.url)


def test_the_2023_demo_reads_at_a_median_grade_of_4_or_below(live_demo_2023):
    _assert_plain(live_demo_2023.url)
