"""Measures' comparator series laid out for pages and downloads.

`for_measures` loads every value of the given measures' public series in one
query (always one, with or without series, so a page's query count is fixed);
the rest is pure layout: chart lines and a table.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from .models import ComparatorSeries, ComparatorValue


@dataclass
class Line:
    """A series with its values, oldest first."""

    series: ComparatorSeries
    values: list[ComparatorValue]

    @property
    def label(self) -> str:
        return self.series.label


def for_measures(measures) -> dict[int, list[Line]]:
    """Each measure's comparator series (by measure id) in the order they are shown."""
    values = (
        ComparatorValue.objects.filter(series__in=ComparatorSeries.objects.public())
        .filter(series__measure__in=measures)
        .select_related("series")
        .order_by("series__order", "series__label", "period")
    )
    lines: dict[int, dict[int, Line]] = {}
    for value in values:
        by_series = lines.setdefault(value.series.measure_id, {})
        by_series.setdefault(value.series_id, Line(value.series, [])).values.append(value)
    return {measure_id: list(by_series.values()) for measure_id, by_series in lines.items()}


def as_data(line: Line) -> dict:
    """A series and its values as the JSON download and the API both give them.

    A value published as a symbol (say "c", kept back to protect
    confidentiality) has no value, its symbol, and the reason in words.
    """
    series = line.series
    return {
        "label": series.label,
        "kind": series.kind,
        "geography_code": series.geography_code,
        "definition": series.definition,
        "source": series.source,
        "release": series.release,
        "values": [
            {
                "period": v.period_label,
                "period_start": v.period,
                "value": v.as_published,
                "symbol": v.symbol or None,
                "note": v.missing_reason or None,
                "release": v.release or series.release,
                "released_on": v.released_on,
            }
            for v in line.values
        ],
    }


@dataclass(frozen=True)
class ComparisonRow:
    period_label: str
    cells: tuple[ComparatorValue | None, ...]


@dataclass(frozen=True)
class ComparisonTable:
    series: tuple[Line, ...]
    rows: tuple[ComparisonRow, ...]


def chart_points(series: list[Line], *, since: date | None) -> list[tuple[str, list]]:
    """(label, [(period, value or None, period as published)]) for `charts.line_chart`.

    Only periods that began at most a year before `since` (the measure's own
    first date) are drawn, so ten years of England figures do not squeeze
    the area's own line into a corner; the table lists every period.

    A period with no value breaks the line rather than being bridged: one
    published as a symbol (value None), and one the series lacks, whether
    another series has it or the series is yearly and skips a year (2019,
    then 2021). A line drawn across a gap would show a figure nobody published.
    """
    start = date(since.year - 1, since.month, 1) if since else None
    every_period = sorted({v.period for s in series for v in s.values})
    points = []
    for s in series:
        shown = [v for v in s.values if not start or v.period >= start]
        yearly = len({(v.period.month, v.period.day) for v in s.values}) == 1
        drawn: list[tuple] = []
        for before, value in zip([None, *shown], shown, strict=False):
            if before is not None and _gap(before.period, value.period, yearly, every_period):
                drawn.append((value.period, None, ""))
            drawn.append((value.period, value.value, value.period_label))
        points.append((s.label, drawn))
    return points


def _gap(before: date, after: date, yearly: bool, every_period: list[date]) -> bool:
    if yearly and after.year - before.year > 1:
        return True
    index = bisect_right(every_period, before)
    return index < len(every_period) and every_period[index] < after


def table(series: list[Line]) -> ComparisonTable | None:
    """One row per period any series covers, one column per series, oldest first.

    A series with no value for a period has None in that cell (nothing
    published), which differs from a value published as a symbol.
    """
    if not series:
        return None
    by_period: dict = {}
    for column, s in enumerate(series):
        for value in s.values:
            _label, cells = by_period.setdefault(value.period, (value.period_label, {}))
            cells[column] = value
    rows = tuple(
        ComparisonRow(label, tuple(cells.get(c) for c in range(len(series))))
        for _, (label, cells) in sorted(by_period.items())
    )
    return ComparisonTable(tuple(series), rows)
