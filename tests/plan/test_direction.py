"""Which way each measure is going, in one plain sentence, and why one is off track."""

import re
from datetime import date
from decimal import Decimal

import pytest

from sendprogress.plan import direction
from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import Figure, Measure
from tests.factories import make_figure, make_finding, make_measure

PERCENT = {"unit": "percent", "places": 1, "rate_per": None}


def _months(*values, start=date(2025, 10, 1)):
    out = []
    for n, value in enumerate(values):
        month = start.month - 1 + n
        out.append((date(start.year + month // 12, month % 12 + 1, 1), Decimal(value)))
    return out


def test_it_compares_the_latest_figure_with_the_one_a_year_before():
    figures = _months("18", *["30"] * 11, "47.4")
    assert (
        direction.sentence(
            figures, **PERCENT, higher_is_better=True, comparator="England: 46.4% (2024)"
        )
        == "Up from 18% in October 2025 to 47.4% in October 2026 (better); England: 46.4% (2024)."
    )


def test_with_less_than_a_year_it_compares_with_the_first_figure():
    figures = _months("20", "25", "22")
    assert (
        direction.sentence(figures, **PERCENT, higher_is_better=True)
        == "Up from 20% in October 2025 to 22% in December 2025 (better)."
    )


def test_down_is_better_where_lower_is_better_and_counts_have_no_unit():
    figures = _months("420", "380")
    assert (
        direction.sentence(figures, unit="count", places=0, rate_per=None, higher_is_better=False)
        == "Down from 420 in October 2025 to 380 in November 2025 (better)."
    )


def test_up_is_worse_where_lower_is_better():
    figures = _months("10", "12")
    assert "(worse)" in direction.sentence(figures, **PERCENT, higher_is_better=False)


def test_a_change_too_small_to_show_is_no_change():
    figures = _months("40.01", "40.04")
    assert (
        direction.sentence(figures, **PERCENT, higher_is_better=True)
        == "No change: 40% in November 2025, as in October 2025."
    )


def test_one_figure_and_none():
    assert (
        direction.sentence(_months("12.5"), **PERCENT, higher_is_better=True)
        == "12.5% in October 2025, the first figure."
    )
    assert direction.sentence([], **PERCENT, higher_is_better=True) == "No figures published yet."


def test_the_measure_s_own_comparator_when_there_is_no_england_series():
    assert (
        direction.comparator(
            value=Decimal("11.4"), label="England average", year="2021/22", **PERCENT
        )
        == "England average: 11.4% (2021/22)"
    )
    assert direction.comparator(value=None, label="", year="", **PERCENT) == ""


def test_off_track_and_at_risk_give_a_reason_or_say_there_is_none():
    assert direction.reason(Progress.OFF_TRACK, "Staff were off sick.") == "Staff were off sick."
    assert direction.reason(Progress.AT_RISK, "  ") == "No reason given yet"
    assert direction.reason(Progress.ON_TRACK, "Fine.") is None


# On the pages -------------------------------------------------------------------


@pytest.fixture
def off_track_measure(db):
    finding = make_finding(slug="waits")
    measure = make_measure(
        finding=finding,
        code="waits",
        title="Plans on time",
        baseline_value=Decimal(10),
        baseline_date=date(2025, 1, 1),
        target_value=Decimal(90),
        target_date=date(2026, 1, 1),
    )
    for period, value, commentary in (
        (date(2025, 2, 1), Decimal(20), ""),
        (date(2025, 3, 1), Decimal(5), "Two case officers left in March."),
    ):
        make_figure(measure=measure, period=period, value=value, commentary=commentary)
    measure.refresh_from_db()
    assert measure.progress == Progress.OFF_TRACK
    return measure


@pytest.mark.usefixtures("no_page_cache")
def test_the_measure_and_finding_pages_say_which_way_and_why(client, off_track_measure):
    sentence = "Down from 20% in February 2025 to 5% in March 2025 (worse)."
    for url in ("/measures/waits/", "/findings/waits/"):
        html = client.get(url).content.decode()
        assert sentence in html, url
        assert "Why it is off track:</strong> Two case officers left in March." in html, url
    finding_page = client.get("/findings/waits/").content.decode()
    assert f'aria-label="Trend of 2 published figures. {sentence} Target 90%."' in finding_page


@pytest.mark.usefixtures("no_page_cache")
def test_an_off_track_measure_without_commentary_says_no_reason_is_given(
    client, off_track_measure
):
    Figure.objects.filter(measure=off_track_measure).update(commentary="")
    html = client.get("/findings/waits/").content.decode()
    assert "Why it is off track:</strong> No reason given yet" in html


@pytest.mark.usefixtures("no_page_cache")
def test_each_demo_measure_says_which_way_it_is_going(client, any_demo):
    measure = Measure.objects.get(code=any_demo["measure"])
    html = client.get(measure.get_absolute_url()).content.decode()
    said = re.search(r"Which way it is going:</strong> ([^<]+)</p>", html)[1]
    assert re.fullmatch(
        r"(Up|Down) from [\d.,]+%? in \w+ \d{4} to [\d.,]+%? in \w+ \d{4} "
        r"\((better|worse)\)(; .+)?\.",
        said,
    ), said
    plan_page = client.get(f"/plans/{any_demo['plan']}/").content.decode()
    assert plan_page.count("(better)") + plan_page.count("(worse)") >= 1
