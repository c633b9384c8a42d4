from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sendprogress.plan.measures import charts


def test_nice_ticks_are_round_numbers_covering_the_range():
    assert charts.nice_ticks(0, 57) == [0, 20, 40, 60]
    assert charts.nice_ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert charts.nice_ticks(3, 7.5) == [3, 4, 5, 6, 7, 8]


def test_nice_ticks_cope_with_a_flat_series():
    ticks = charts.nice_ticks(5, 5)
    assert ticks[0] <= 5 <= ticks[-1]
    assert len(ticks) >= 2


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2023, 1, 1), date(2023, 4, 1), ["2023-01", "2023-02", "2023-03", "2023-04"]),
        (
            date(2022, 1, 1),
            date(2024, 1, 1),
            ["2022-01", "2022-07", "2023-01", "2023-07", "2024-01"],
        ),
    ],
)
def test_month_ticks_fall_on_familiar_months(first, last, expected):
    assert [f"{d:%Y-%m}" for d in charts.month_ticks(first, last)] == expected


def test_month_ticks_never_exceed_six_for_three_years_of_figures():
    assert len(charts.month_ticks(date(2021, 1, 1), date(2023, 12, 1))) <= 6


@pytest.mark.parametrize(
    ("value", "unit", "rate_per", "expected"),
    [
        (Decimal("56.70"), "percent", None, "56.7%"),
        (Decimal("30.00"), "percent", None, "30%"),
        (Decimal("1234"), "count", None, "1,234"),
        (Decimal("2.5"), "rate", 100, "2.5 per 100"),
        (Decimal("1"), "weeks", None, "1 week"),
        (Decimal("12"), "days", None, "12 days"),
        (None, "percent", None, "No figure yet"),
    ],
)
def test_figures_are_written_with_their_unit(value, unit, rate_per, expected):
    assert charts.format_value(value, unit=unit, places=1, rate_per=rate_per) == expected


def _chart(**overrides):
    arguments = {
        "actual": [(date(2023, 2, 1), Decimal(15)), (date(2023, 3, 1), Decimal(20))],
        "trajectory": [(date(2023, 1, 1), Decimal(10)), (date(2024, 1, 1), Decimal(60))],
        "baseline": (date(2023, 1, 1), Decimal(10)),
        "target": (date(2024, 1, 1), Decimal(60)),
    }
    return charts.line_chart(**(arguments | overrides))


def test_chart_draws_higher_figures_higher_up_and_later_figures_further_right():
    chart = _chart()
    first, second = chart.actual.markers
    assert second.x > first.x
    assert second.y < first.y  # SVG y grows downwards


def test_chart_plots_within_its_drawing_area():
    chart = _chart(comparator=Decimal("50.3"))
    for series in (chart.actual, chart.trajectory):
        for marker in series.markers:
            assert chart.plot_left <= marker.x <= chart.plot_right
            assert chart.plot_top <= marker.y <= chart.plot_bottom
    assert chart.comparator is not None


def test_chart_scale_starts_at_zero_and_reaches_the_target():
    chart = _chart()
    labels = [t.label for t in chart.y_ticks]
    assert labels[0] == "0"
    assert float(labels[-1]) >= 60


def test_chart_target_is_a_flat_line_across_the_plot():
    chart = _chart()
    start, end = chart.target.path.split(" L")
    assert start.split()[1] == end.split()[1]


def test_chart_with_nothing_to_draw_is_none():
    assert charts.line_chart(actual=[], trajectory=[]) is None


def test_chart_without_figures_still_shows_the_plan():
    chart = _chart(actual=[])
    assert chart.actual is None
    assert chart.trajectory is not None


def test_chart_markers_say_what_they_show():
    chart = _chart()
    assert chart.actual.markers[0].label == "February 2023: 15%"


def test_sparkline_rises_when_figures_rise():
    line = charts.sparkline([Decimal(10), Decimal(20), Decimal(30)], target=Decimal(40))
    points = [p.split() for p in line.path.replace("M", "").split(" L")]
    ys = [float(y) for _, y in points]
    assert ys == sorted(ys, reverse=True)
    assert line.target_y < ys[-1]


def test_sparkline_of_one_figure_is_a_flat_line():
    line = charts.sparkline([Decimal(5)])
    assert line.path.count("L") == 1
    assert line.target_y is None


def test_sparkline_of_no_figures_is_none():
    assert charts.sparkline([]) is None


@pytest.mark.parametrize(
    "number", [274.15, 3.0, 0.05, 51.94999, 119.25, 0.25, 640.0, 1e-05, 12.35, 2.675]
)
def test_chart_coordinates_round_as_the_template_filter_did(number):
    from django.template.defaultfilters import floatformat

    assert charts.one_place(number) == floatformat(number, 1)


@given(st.floats(min_value=0, max_value=100_000, allow_nan=False, allow_infinity=False))
@example(119.25)
@example(0.35)
def test_chart_coordinates_round_half_up_as_written(number):
    as_written = Decimal(repr(number)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert charts.one_place(number) == str(as_written)


def test_chart_points_escape_every_label():
    from sendprogress.plan.templatetags.figure_display import chart_points

    html = chart_points([charts.Marker(10.25, 3.0, '<script>"x"</script> & co')], "dot", "Plan: ")
    assert html == (
        '<circle class="dot" cx="10.3" cy="3.0" r="4"><title>Plan: '
        "&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; co</title></circle>"
    )
