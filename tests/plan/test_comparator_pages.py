"""Comparator series on a measure's page: periods as published, lines broken at
gaps, a legend of only what is drawn, every symbol in words, and a period the
file did not cover never called "not published"."""

from __future__ import annotations

from datetime import date

import pytest

from sendprogress.plan.models import ComparatorSeries, Symbol
from tests.factories import make_comparator, make_figure, make_measure

pytestmark = pytest.mark.django_db


def _page(client, measure) -> str:
    return client.get(measure.get_absolute_url()).content.decode()


def _table(html: str) -> str:
    start = html.index('id="comparisons"')
    return html[start : html.index("</table>", start)]


def test_chart_labels_use_the_period_as_published(client):
    measure = make_measure(baseline_date=date(2021, 9, 1))
    make_figure(measure=measure, period=date(2022, 3, 1), value=40)
    make_comparator(
        measure=measure,
        values=[(date(2021, 9, 1), "2021/22", 30), (date(2022, 9, 1), "2022/23", 35)],
    )
    html = _page(client, measure)
    assert "<title>England, 2021/22: 30%</title>" in html
    assert "<title>England, 2022/23: 35%</title>" in html


def test_a_line_breaks_at_a_missing_year_rather_than_bridging_it(client):
    measure = make_measure(baseline_date=date(2019, 1, 1))
    make_figure(measure=measure, period=date(2019, 6, 1), value=40)
    make_comparator(
        measure=measure,
        values=[(date(2019, 1, 1), "2019", 60.4), (date(2021, 1, 1), "2021", 59.9)],
    )
    make_comparator(
        measure=measure,
        label="East of England",
        kind=ComparatorSeries.Kind.REGION,
        values=[(date(2019, 1, 1), "2019", 50), (date(2020, 1, 1), "2020", 52)],
    )
    html = _page(client, measure)
    england = html.split('class="app-chart__comparator app-chart__comparator--1" d="')[1]
    path = england[: england.index('"')]
    # Two points, two separate moves: no line from 2019 to 2021 across 2020.
    assert path.count("M") == 2
    assert "L" not in path
    region = html.split('class="app-chart__comparator app-chart__comparator--2" d="')[1]
    assert region[: region.index('"')].count("L") == 1
    # The table says 2020 was not in the file for England; it never says "not published".
    row = _table(html).split(">2020</th>")[1].split("</tr>")[0]
    assert "Not in the imported file" in row
    assert "Not published" not in row


def test_the_legend_lists_only_the_series_drawn(client):
    measure = make_measure(baseline_date=date(2023, 1, 1))
    make_figure(measure=measure, period=date(2023, 3, 1), value=40)
    make_comparator(measure=measure, values=[(date(2023, 1, 1), "2023", 50.3)])
    make_comparator(
        measure=measure,
        label="East of England",
        kind=ComparatorSeries.Kind.REGION,
        values=[(date(2023, 1, 1), "2023", "c")],
    )
    html = _page(client, measure)
    legend = html[html.index('class="app-chart-legend"') :]
    legend = legend[: legend.index("</ul>")]
    assert "England (long dashes with squares)" in legend
    assert "East of England" not in legend  # nothing of it is drawn
    assert "Not published to protect confidentiality (c)" in _table(html)


def test_every_symbol_shows_in_words_on_the_page(client):
    measure = make_measure()
    symbols = [s for s in Symbol if s.value]
    make_comparator(
        measure=measure,
        values=[(date(2000 + i, 1, 1), str(2000 + i), s.value) for i, s in enumerate(symbols)],
    )
    table = _table(_page(client, measure))
    for symbol in symbols:
        assert f"{symbol.label} ({symbol.value})" in table


def test_the_local_areas_own_series_is_not_called_a_neighbour(client):
    measure = make_measure()
    make_comparator(
        measure=measure,
        label="Knowsley",
        kind=ComparatorSeries.Kind.LOCAL_AREA,
        values=[(date(2021, 9, 1), "2021/22", 26.9)],
    )
    assert ComparatorSeries.objects.get().get_kind_display() == "This local area"
    assert "26.9%" in _table(_page(client, measure))


def test_a_value_stored_at_full_precision_shows_rounded_to_the_measures_places(client):
    measure = make_measure(decimal_places=1)
    series = make_comparator(measure=measure)
    series.values.create(
        period=date(2019, 1, 1),
        period_label="2019",
        value="64.900000000000",
        published_value="64.900000000000",
    )
    table = _table(_page(client, measure))
    assert "64.9%" in table
    assert "64.900" not in table
