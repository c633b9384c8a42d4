"""The measure page's table of figures, drawn in the view: every value escaped."""

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
