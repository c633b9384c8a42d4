"""A figure counting too few children is left out on every public surface.

42.86% with the counts hidden is still 3 of 7: so where the count is
suppressed, the figure, the figure before its correction and the counts go
too, and every surface says why (plan/measures/figures.py, `published`).
"""

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sendprogress.accounts import roles
from sendprogress.reports import services as reports
from tests.factories import make_figure, make_finding, make_measure, make_plan, make_user

pytestmark = pytest.mark.django_db

REASON = "Not shown: fewer than 10 children, to protect privacy"
# 3 of 7 (42.86%, shown to one place as 42.9%), corrected from 2 of 7 (28.57%).
GIVEAWAYS = ("42.9", "42.86", "28.6", "28.57", "3 of 7", "2 of 7")


@pytest.fixture
def world(no_page_cache):
    # Made two days ago, so that the report (which may only describe a day that
    # has ended) can be frozen as things stood yesterday.
    with time_machine.travel(timezone.now() - timedelta(days=2), tick=False):
        made = _world()
    as_at = timezone.localdate() - timedelta(days=1)
    report = reports.create_report(as_at=as_at, by=made["approver"])
    reports.publish_report(report=report, by=made["approver"], site_name="SEND progress")
    return made | {"report_as_at": as_at}


def _world():
    finding = make_finding()
    plan = make_plan(findings=[finding])
    measure = make_measure(
        finding=finding,
        plan=plan,
        code="plans-on-time",
        baseline_value=Decimal("40"),
        target_value=Decimal("90"),
        target_date=date(2025, 1, 1),
    )
    measure.findings.add(finding)
    # A figure of a large enough group, shown in full.
    make_figure(measure=measure, period=date(2024, 1, 1), value=50, numerator=30, denominator=60)
    # The latest figure: 3 of 7, corrected from 2 of 7.
    make_figure(
        measure=measure,
        period=date(2024, 2, 1),
        value=Decimal("42.86"),
        numerator=3,
        denominator=7,
        value_before_correction=Decimal("28.57"),
        corrected_at=timezone.now(),
        correction_reason="A late return.",
    )
    approver = make_user(roles.APPROVER)
    return {"approver": approver, "measure": measure, "finding": finding, "plan": plan}


SURFACES = {
    "measure page (table, chart, text)": lambda w: w["measure"].get_absolute_url(),
    "all measures": lambda w: reverse("plan:measure_list"),
    "finding summary and sparkline": lambda w: w["finding"].get_absolute_url(),
    "plan summary and sparkline": lambda w: w["plan"].get_absolute_url(),
    "measure CSV": lambda w: reverse("plan:measure_csv", args=["plans-on-time"]),
    "all measures CSV": lambda w: reverse("plan:all_csv"),
    "measure JSON": lambda w: reverse("plan:measure_json", args=["plans-on-time"]),
    "all measures JSON": lambda w: reverse("plan:all_json"),
    "API measures": lambda w: reverse("api:measures"),
    "API measure": lambda w: reverse("api:measure_detail", args=["plans-on-time"]),
    "API figures": lambda w: reverse("api:measure_figures", args=["plans-on-time"]),
    "embed": lambda w: reverse("embeds:measure", args=["plans-on-time"]),
    "progress report": lambda w: reverse("reports:detail", args=[w["report_as_at"].isoformat()]),
}


CHARTED = {"measure page (table, chart, text)", "embed"}
# The surfaces that show every figure, not only the latest.
EVERY_FIGURE = {
    "measure page (table, chart, text)",
    "measure CSV",
    "all measures CSV",
    "measure JSON",
    "all measures JSON",
    "API figures",
    "embed",
}


def _numbers_in(data) -> list:
    """Every number anywhere in decoded JSON."""
    if isinstance(data, dict):
        return [n for v in data.values() for n in _numbers_in(v)]
    if isinstance(data, list):
        return [n for v in data for n in _numbers_in(v)]
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return [data]
    return []


@pytest.mark.parametrize("surface", list(SURFACES))
def test_a_suppressed_figure_gives_nothing_away(client, world, surface):
    response = client.get(SURFACES[surface](world))
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    for giveaway in GIVEAWAYS:
        assert giveaway not in body, giveaway
    assert REASON in body
    if surface in CHARTED:
        # The chart's own description, read by screen readers.
        assert "The latest is not shown: fewer than 10 children were counted" in body
    if surface in EVERY_FIGURE:
        # The figure of the large group is still there, in full.
        assert "50" in body
    if "JSON" in surface or "API" in surface:
        numbers = _numbers_in(json.loads(body))
        for number in (3, 7, 42.86, 28.57):
            assert number not in numbers
    if "CSV" in surface:
        rows = list(csv.DictReader(io.StringIO(body)))
        suppressed = next(r for r in rows if r["period"] == "2024-02-01")
        cells = ("value", "numerator", "denominator", "value_before_correction")
        assert [suppressed[c] for c in cells] == ["c", "c", "c", "c"]
        shown = next(r for r in rows if r["period"] == "2024-01-01")
        assert [shown["numerator"], shown["denominator"]] == ["30", "60"]


def test_staff_still_see_the_figure_and_its_counts(client, world):
    client.force_login(make_user(roles.APPROVER))
    figure = world["measure"].figures.get(denominator=7)
    html = client.get(reverse("staff:review_figure", args=[figure.pk])).content.decode()
    assert "3 of 7" in html
