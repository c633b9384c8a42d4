from datetime import date
from decimal import Decimal

import pytest

from sendprogress.plan.measures.progress import (
    Point,
    Progress,
    Summary,
    assess,
    expected_value,
    trajectory,
)

D = Decimal

POINTS = trajectory(
    baseline=Point(date(2023, 1, 1), D("10")),
    milestones=[Point(date(2023, 5, 1), D("30")), Point(date(2023, 9, 1), D("40"))],
    target=Point(date(2024, 1, 1), D("60")),
)


def test_trajectory_runs_from_baseline_through_milestones_to_target():
    assert [p.value for p in POINTS] == [D("10"), D("30"), D("40"), D("60")]


def test_expected_value_is_the_milestone_on_its_date():
    assert expected_value(POINTS, date(2023, 5, 1)) == D("30")


def test_expected_value_is_interpolated_between_milestones():
    # 1 July is 61 of the 123 days from 1 May to 1 September.
    value = expected_value(POINTS, date(2023, 7, 1))
    assert value == D("30") + D("10") * D(61) / D(123)


def test_expected_value_before_the_first_point_is_the_first_point():
    assert expected_value(POINTS, date(2022, 6, 1)) == D("10")


def test_expected_value_after_the_last_point_is_the_final_target():
    assert expected_value(POINTS, date(2025, 6, 1)) == D("60")


def test_no_trajectory_means_no_expected_value():
    assert expected_value([], date(2023, 1, 1)) is None


def test_no_figure_means_no_data_yet():
    result = assess(value=None, expected=D("30"), higher_is_better=True, tolerance=D("5"))
    assert result is Progress.NO_DATA
    assert result.label == "No data yet"


def test_a_measure_with_no_targets_cannot_be_judged():
    assert (
        assess(value=D("30"), expected=None, higher_is_better=True, tolerance=D(0))
        is Progress.NO_DATA
    )


def test_exactly_on_target_is_on_track():
    assert (
        assess(value=D("30"), expected=D("30"), higher_is_better=True, tolerance=D("5"))
        is Progress.ON_TRACK
    )
    assert (
        assess(value=D("30"), expected=D("30"), higher_is_better=False, tolerance=D("5"))
        is Progress.ON_TRACK
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("35", Progress.ON_TRACK),
        ("27", Progress.AT_RISK),
        ("25", Progress.AT_RISK),
        ("24.99", Progress.OFF_TRACK),
    ],
)
def test_higher_is_better(value, expected):
    assert (
        assess(value=D(value), expected=D("30"), higher_is_better=True, tolerance=D("5"))
        is expected
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25", Progress.ON_TRACK),
        ("33", Progress.AT_RISK),
        ("35", Progress.AT_RISK),
        ("35.01", Progress.OFF_TRACK),
    ],
)
def test_lower_is_better(value, expected):
    assert (
        assess(value=D(value), expected=D("30"), higher_is_better=False, tolerance=D("5"))
        is expected
    )


def test_zero_tolerance_means_any_miss_is_off_track():
    assert (
        assess(value=D("29.9"), expected=D("30"), higher_is_better=True, tolerance=D(0))
        is Progress.OFF_TRACK
    )


def test_summary_says_how_many_measures_are_on_track():
    summary = Summary.of(
        [Progress.ON_TRACK, Progress.ON_TRACK, Progress.AT_RISK, Progress.NO_DATA]
    )
    assert summary.sentence == "2 of 4 measures on track"
    assert Summary.of([]).sentence == "No measures yet"
    assert Summary.of([Progress.OFF_TRACK]).sentence == "0 of 1 measure on track"


def test_summary_before_any_figure_says_so_rather_than_none_on_track():
    assert Summary.of([Progress.NO_DATA] * 3).sentence == "No figures yet"
