"""The measure page's table of figures, drawn in the view: every value escaped."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from sendprogress.plan.models import Figure
from tests.factories import make_comparator, make_figure, make_measure

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_a_correction_reason_is_escaped_in_the_table(client):
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 6, 1), value=45)
    Figure.objects.update(
        corrected_at=datetime(2023, 12, 31, 12, tzinfo=UTC),
        value_before_correction=Decimal("55"),
        correction_reason=f"Counted twice {HOSTILE}",
    )
    html = client.get("/measures/plans-on-time/").content.decode()
    assert HOSTILE not in html
    assert f"Corrected on 31 December 2023 (it was 55%): Counted twice {ESCAPED} " in html


def test_counts_show_beside_figures_unless_small(client, settings):
    settings.SMALL_NUMBER_THRESHOLD = 10
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 6, 1), value=75, numerator=3, denominator=4)
    make_figure(measure=measure, period=date(2023, 7, 1), value=15, numerator=30, denominator=200)
    html = client.get("/measures/plans-on-time/").content.decode()
    assert "Not shown: fewer than 10 children, to protect privacy" in html
    assert "75%" not in html
    assert '15%<br><span class="govuk-body-s">30 of 200</span>' in html
    assert "3 of 4" not in html


def test_a_comparator_label_is_escaped_in_the_chart(client):
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 6, 1), value=45)
    make_comparator(
        measure=measure, label=f"England {HOSTILE}", values=[(date(2023, 1, 1), "2023", "50")]
    )
    html = client.get("/measures/plans-on-time/").content.decode()
    assert HOSTILE not in html
    assert f"<title>England {ESCAPED}, 2023: 50%</title>" in html


def test_a_commentary_is_escaped_and_named_by_its_period(client):
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 6, 1), value=45, commentary=f"Up {HOSTILE}")
    html = client.get("/measures/plans-on-time/").content.decode()
    assert HOSTILE not in html
    assert (
        '<dt class="govuk-summary-list__key">June 2023</dt>\n'
        f'    <dd class="govuk-summary-list__value">Up {ESCAPED}</dd>'
    ) in html


def _circles(html: str) -> dict[str, list[float]]:
    """Each chart dot's radius, by its class."""
    found: dict[str, list[float]] = {}
    for css_class, r in re.findall(
        r'<circle class="([^"]+)" cx="[^"]+" cy="[^"]+" r="([^"]+)"', html
    ):
        found.setdefault(css_class, []).append(float(r))
    return found


# As drawn by the stylesheet: a figure's dot has a white edge 2 wide (half of it
# over the dot), a milestone's a coloured ring 2.5 wide (half of it outside).
FIGURE_EDGE, MILESTONE_RING = 2, 2.5


def test_a_lone_figure_is_drawn_no_smaller_than_the_milestones(client):
    measure = make_measure(
        code="plans-on-time", milestones=[(date(2023, 7, 1), 30)], target_date=date(2024, 1, 1)
    )
    make_figure(measure=measure, period=date(2023, 6, 1), value=45)
    circles = _circles(client.get("/measures/plans-on-time/").content.decode())
    [figure] = circles["app-chart__point"]
    milestones = circles["app-chart__point app-chart__point--trajectory"]
    assert len(milestones) >= 2
    seen_figure = figure - FIGURE_EDGE / 2
    seen_milestone = max(milestones) + MILESTONE_RING / 2
    assert seen_figure >= seen_milestone


def test_figures_joined_by_a_line_keep_their_usual_dots(client):
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 6, 1), value=45)
    make_figure(measure=measure, period=date(2023, 7, 1), value=46)
    circles = _circles(client.get("/measures/plans-on-time/").content.decode())
    assert circles["app-chart__point"] == [4.0, 4.0]
