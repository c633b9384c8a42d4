"""Geometry for the server-rendered SVG charts. Pure functions: no database.

A chart is worked out here as plain numbers and path strings, and the
template only draws them, so the maths can be tested without rendering HTML
and no JavaScript charting library is needed. Colours and dash patterns come
from CSS classes (the strict CSP forbids inline styles).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .choices import Unit

# The drawing area of a full chart, in SVG user units. The SVG scales to the
# width of its container, so these only set its proportions and text size.
WIDTH = 640
HEIGHT = 320
MARGIN_LEFT = 64
# As wide as the left: a month label centred on the last month is half in
# the margin, and on a phone labels are drawn larger (see _phone.scss).
MARGIN_RIGHT = 64
MARGIN_TOP = 20
MARGIN_BOTTOM = 40

SPARK_WIDTH = 120
SPARK_HEIGHT = 30
SPARK_PAD = 3


@dataclass(frozen=True)
class Tick:
    position: float
    label: str

    @property
    def at(self) -> str:
        """Its position as drawn, to one decimal place (see `one_place`)."""
        return one_place(self.position)


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Series:
    """One line of the chart: an SVG path and its markers."""

    path: str
    markers: tuple[Marker, ...] = ()


# Comparator series differ from each other and from the plan's own lines by
# dash pattern and marker shape as well as colour (styles 1 to 3, in turn).
COMPARATOR_STYLES = 3


@dataclass(frozen=True)
class ComparatorLine:
    """A comparator series as drawn: its label, line (broken where a value is
    missing) and markers, each a small shape path so it reads without colour."""

    label: str
    style: int
    path: str
    # (marker, shape path) for each published value.
    points: tuple[tuple[Marker, str], ...] = ()

    @property
    def legend_shape(self) -> str:
        return marker_shape(self.style, 20, 6, size=3.5)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    actual: Series | None
    trajectory: Series | None
    target: Series | None = None
    baseline: Series | None = None
    comparator: Series | None = None
    comparators: tuple[ComparatorLine, ...] = ()


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round numbers from at or below `low` to at or above `high`.

    At most `most` ticks, spaced 1, 2, 2.5 or 5 times a power of ten, so the
    axis reads like one a person would draw.
    """
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1
    raw_step = (high - low) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw_step))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * power
        start = math.floor(low / step) * step
        end = math.ceil(high / step) * step
        if round((end - start) / step) + 1 <= most:
            break
    count = round((end - start) / step) + 1
    return [round(start + i * step, 10) for i in range(count)]


def _month_index(on: date) -> int:
    return on.year * 12 + on.month - 1


def month_ticks(first: date, last: date, most: int = 6) -> list[date]:
    """First-of-month dates across the range, every 1, 2, 3, 4, 6 or 12 months."""
    start, end = _month_index(first), _month_index(last)
    if end < start:
        start, end = end, start
    span = end - start
    for step in (1, 2, 3, 4, 6, 12, 24):
        if span // step + 1 <= most:
            break
    # Start on a month that is a multiple of the step, so ticks fall on
    # familiar months (January, April, July, October for quarters).
    first_tick = start + (-start % step)
    months = range(first_tick, end + 1, step)
    return [date(m // 12, m % 12 + 1, 1) for m in months]


def format_number(value: float | Decimal, places: int = 1) -> str:
    """A number as people write it: thousands separated, no needless zeros."""
    quantised = f"{float(value):,.{places}f}"
    if "." in quantised:
        quantised = quantised.rstrip("0").rstrip(".")
    return quantised


def format_value(value, *, unit: str, places: int = 1, rate_per: int | None = None) -> str:
    """A figure with its unit, in words where a symbol would be unclear."""
    if value is None:
        return "No figure yet"
    number = format_number(value, places)
    match unit:
        case Unit.PERCENT:
            return f"{number}%"
        case Unit.RATE:
            return f"{number} per {format_number(rate_per, 0)}" if rate_per else number
        case Unit.DAYS:
            return f"{number} day" if number == "1" else f"{number} days"
        case Unit.WEEKS:
            return f"{number} week" if number == "1" else f"{number} weeks"
        case _:
            return number


def _path(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(points))


def line_chart(
    *,
    actual: Sequence[tuple[date, Decimal]],
    trajectory: Sequence[tuple[date, Decimal]] = (),
    baseline: tuple[date, Decimal] | None = None,
    target: tuple[date, Decimal] | None = None,
    comparator: Decimal | None = None,
    comparators: Sequence[tuple[str, Sequence[tuple]]] = (),
    unit: str = Unit.PERCENT,
    places: int = 1,
    rate_per: int | None = None,
) -> Chart | None:
    """Work out a line chart of figures over time against the plan.

    `actual` are the approved figures; `trajectory` the baseline, milestones
    and target joined up; `baseline` and `target` are drawn as labelled
    horizontal reference lines and `comparator` (e.g. the England average) as
    a third. `comparators` are (label, points) series such as England's
    figures: each point is (period start, value) or (period start, value,
    the period as published, e.g. 2021/22, for its label); a point whose value
    is None (not published, or not in the file) breaks the line. A series with
    nothing to draw is left out, legend and all. Returns None when there is
    nothing at all to draw.
    """
    comparators = [
        (label, points) for label, points in comparators if any(p[1] is not None for p in points)
    ]
    dates = [on for on, _ in actual] + [on for on, _ in trajectory]
    for point in (baseline, target):
        if point is not None:
            dates.append(point[0])
    values = [float(v) for _, v in actual] + [float(v) for _, v in trajectory]
    for point in (baseline, target):
        if point is not None:
            values.append(float(point[1]))
    if comparator is not None:
        values.append(float(comparator))
    for _, points in comparators:
        dates.extend(p[0] for p in points if p[1] is not None)
        values.extend(float(p[1]) for p in points if p[1] is not None)
    if not dates or not values:
        return None

    # The scale starts at zero (or below, for negative figures): a cut-off
    # axis makes small changes look large.
    low, high = min(*values, 0.0), max(values)
    y_values = nice_ticks(low, high)
    y_min, y_max = y_values[0], y_values[-1]

    first, last = min(dates), max(dates)
    day_span = max((last - first).days, 1)
    plot_left, plot_right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    plot_top, plot_bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM

    def x_of(on: date) -> float:
        return plot_left + (on - first).days / day_span * (plot_right - plot_left)

    def y_of(value) -> float:
        share = (float(value) - y_min) / (y_max - y_min)
        return plot_bottom - share * (plot_bottom - plot_top)

    def fmt(value) -> str:
        return format_value(value, unit=unit, places=places, rate_per=rate_per)

    x_ticks = tuple(
        Tick(x_of(on), f"{on:%b %Y}") for on in month_ticks(first, last) if on >= first
    )
    y_ticks = tuple(Tick(y_of(v), format_number(v, places)) for v in y_values)

    def series(points: Sequence[tuple[date, Decimal]]) -> Series | None:
        if not points:
            return None
        xy = [(x_of(on), y_of(v)) for on, v in points]
        markers = tuple(
            Marker(x, y, f"{on:%B %Y}: {fmt(v)}")
            for (x, y), (on, v) in zip(xy, points, strict=True)
        )
        return Series(_path(xy), markers)

    def flat(value) -> Series:
        y = y_of(value)
        return Series(_path([(plot_left, y), (plot_right, y)]))

    def comparator_line(index: int, label: str, points) -> ComparatorLine:
        style = index % COMPARATOR_STYLES + 1
        segments: list[list[tuple[float, float]]] = [[]]
        drawn = []
        for on, v, *published in points:
            if v is None:
                segments.append([])
                continue
            x, y = x_of(on), y_of(v)
            segments[-1].append((x, y))
            period = published[0] if published and published[0] else f"{on:%Y}"
            marker = Marker(x, y, f"{label}, {period}: {fmt(v)}")
            drawn.append((marker, marker_shape(style, x, y)))
        path = " ".join(_path(seg) for seg in segments if seg)
        return ComparatorLine(label, style, path, tuple(drawn))

    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        actual=series(actual),
        trajectory=series(trajectory),
        target=flat(target[1]) if target is not None else None,
        baseline=flat(baseline[1]) if baseline is not None else None,
        comparator=flat(comparator) if comparator is not None else None,
        comparators=tuple(
            comparator_line(i, label, points) for i, (label, points) in enumerate(comparators)
        ),
    )


def marker_shape(style: int, x: float, y: float, size: float = 5) -> str:
    """A square, diamond or triangle centred on (x, y), by comparator style."""
    match style:
        case 1:
            corners = [(x - size, y - size), (x + size, y - size), (x + size, y + size)]
            corners.append((x - size, y + size))
        case 2:
            corners = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
        case _:
            corners = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
    return _path(corners) + " Z"


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    path: str
    last: Marker
    target_y: float | None


def sparkline(values: Sequence[Decimal], *, target: Decimal | None = None) -> Sparkline | None:
    """A small line of the figures in order, with the target as a guide line.

    Figures are spaced evenly (they are regular periods) and the vertical
    scale fits the figures and target, so the shape shows the direction of
    travel rather than the size of the numbers.
    """
    if not values:
        return None
    numbers = [float(v) for v in values]
    scale = [*numbers, float(target)] if target is not None else numbers
    low, high = min(scale), max(scale)
    if high == low:
        high, low = high + 1, low - 1
    inner_w = SPARK_WIDTH - 2 * SPARK_PAD
    inner_h = SPARK_HEIGHT - 2 * SPARK_PAD

    def y_of(value: float) -> float:
        return SPARK_PAD + (high - value) / (high - low) * inner_h

    step = inner_w / (len(numbers) - 1) if len(numbers) > 1 else 0
    xy = [(SPARK_PAD + i * step, y_of(v)) for i, v in enumerate(numbers)]
    if len(xy) == 1:
        xy = [(SPARK_PAD, xy[0][1]), (SPARK_WIDTH - SPARK_PAD, xy[0][1])]
    last_x, last_y = xy[-1]
    return Sparkline(
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
        path=_path(xy),
        last=Marker(last_x, last_y, ""),
        target_y=y_of(float(target)) if target is not None else None,
    )


def one_place(number: float) -> str:
    """A coordinate to one decimal place, rounded as the `floatformat:1` filter rounds.

    The filter rounds half up the number as Python writes it (repr); "{:.1f}"
    rounds the binary value to the nearest, ties to even. The two differ only
    where the written number is a tie itself, two places ending in 5 (119.25):
    only those take the slower Decimal way. A chart has hundreds of coordinates.
    """
    text = repr(number)
    if text[-1] == "5" and text[-3:-2] == ".":
        return str(Decimal(text).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return f"{number:.1f}"
