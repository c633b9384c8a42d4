"""The rules a figure must meet, each reported on the field that breaks it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sendprogress.plan.models import Figure, Measure
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db


def errors_for(measure, **fields):
    m = Figure(measure=measure, **({"period": date(2024, 3, 1), "commentary": "ok"} | fields))
    try:
        m.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_good_figure_passes():
    assert errors_for(make_measure(), value=Decimal("55")) == {}


def test_a_monthly_period_must_start_on_the_first():
    errors = errors_for(make_measure(), period=date(2024, 3, 15), value=Decimal("55"))
    assert "first day of a month" in errors["period"][0]


def test_a_quarterly_period_must_start_a_quarter():
    measure = make_measure(frequency=Measure.Frequency.QUARTERLY)
    errors = errors_for(measure, period=date(2024, 3, 1), value=Decimal("55"))
    assert "1 January, 1 April, 1 July or 1 October" in errors["period"][0]


def test_a_period_before_the_baseline_is_outside_the_window():
    errors = errors_for(make_measure(), period=date(2022, 12, 1), value=Decimal("55"))
    assert "baseline date, 1 January 2023" in errors["period"][0]


def test_a_period_after_reporting_ends_is_outside_the_window():
    measure = make_measure(reporting_ends=date(2024, 1, 1))
    errors = errors_for(measure, period=date(2024, 3, 1), value=Decimal("55"))
    assert "only collected up to January 2024" in errors["period"][0]


def test_a_future_period_is_refused():
    future = (date.today() + timedelta(days=40)).replace(day=1)
    errors = errors_for(make_measure(), period=future, value=Decimal("55"))
    assert "has not started yet" in errors["period"][0]


def test_a_second_figure_for_the_same_period_is_refused_on_the_period_field():
    measure = make_measure()
    make_figure(measure=measure, period=date(2024, 3, 1), value=40)
    errors = errors_for(measure, value=Decimal("55"))
    assert "already a figure for March 2024" in errors["period"][0]
    assert "__all__" not in errors


@pytest.mark.parametrize("value", ["-1", "100.01", "250"])
def test_a_percentage_must_be_between_0_and_100(value):
    errors = errors_for(make_measure(), value=Decimal(value))
    assert errors["value"] == ["A percentage must be between 0 and 100."]


def test_the_numerator_cannot_exceed_the_denominator():
    errors = errors_for(make_measure(), numerator=12, denominator=10)
    assert "cannot be more than the denominator" in errors["numerator"][0]


def test_the_value_is_worked_out_from_numerator_and_denominator():
    m = Figure(measure=make_measure(), period=date(2024, 3, 1), numerator=27, denominator=45)
    m.full_clean()
    assert m.value == Decimal("60.00")


def test_a_figure_that_disagrees_with_its_numerator_and_denominator_is_refused():
    # Issue 14: typed 90 with 24 of 60 was saved as 40 without a word.
    errors = errors_for(make_measure(), value=Decimal("90"), numerator=24, denominator=60)
    assert errors["value"] == [
        "24 of 60 gives 40%, not 90. Correct the figure, the numerator or the "
        "denominator, or leave the figure blank to have it worked out."
    ]


def test_a_figure_rounded_to_the_measures_decimal_places_is_accepted():
    measure = make_measure(decimal_places=1)
    # 1 of 3 is 33.33...%: 33.3 is the same figure to one decimal place, 33.4 is not.
    assert errors_for(measure, value=Decimal("33.3"), numerator=1, denominator=3) == {}
    refused = errors_for(measure, value=Decimal("33.4"), numerator=1, denominator=3)
    assert "1 of 3 gives 33.3%, not 33.4." in refused["value"][0]


def test_a_rate_is_worked_out_per_its_base():
    measure = make_measure(unit=Measure.Unit.RATE, rate_per=1000, baseline_value=1, target_value=5)
    m = Figure(
        measure=measure,
        period=date(2024, 3, 1),
        numerator=3,
        denominator=1200,
        commentary="Lower.",
    )
    m.full_clean()
    assert m.value == Decimal("2.50")


def test_half_a_fraction_is_refused():
    errors = errors_for(make_measure(), numerator=3)
    assert errors["denominator"] == ["Enter both the numerator and the denominator, or neither."]


def test_a_figure_needs_a_value():
    assert "Enter the figure" in errors_for(make_measure())["value"][0]


def test_a_figure_missing_its_milestone_needs_commentary():
    errors = errors_for(make_measure(), value=Decimal("20"), commentary="")
    assert "misses its milestone" in errors["commentary"][0]


def test_a_figure_on_track_needs_no_commentary():
    assert errors_for(make_measure(), value=Decimal("60"), commentary="") == {}


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_a_figure_that_is_not_a_number_is_refused_on_the_value(value):
    errors = errors_for(make_measure(unit=Measure.Unit.COUNT), value=Decimal(value))
    assert "value" in errors
