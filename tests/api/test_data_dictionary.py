"""The data dictionary describes every field the open data writes, and only those."""

import csv
import io
from datetime import date

import pytest

from sendprogress.api.dictionary import CSV_MEANINGS, FIGURE_MEANINGS, MEASURE_MEANINGS
from sendprogress.plan.downloads import COMPARATOR_COLUMNS
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db


def test_every_download_column_is_described(client):
    html = client.get("/data/").content.decode()
    for column in [*CSV_MEANINGS, *MEASURE_MEANINGS, *FIGURE_MEANINGS, *COMPARATOR_COLUMNS]:
        assert f"<code>{column}</code>" in html
    assert "never show it as zero" in html
    assert 'href="/api/v1/openapi.json"' in html


def test_the_dictionary_names_exactly_the_fields_written(client):
    measure = make_measure(code="m")
    make_figure(measure=measure, period=date(2023, 1, 1), value=40, numerator=4, denominator=10)
    api_measure = client.get("/api/v1/measures/m/").json()
    api_figure = client.get("/api/v1/measures/m/figures/").json()["results"][0]
    download = client.get("/measures/m/figures.json").json()["measures"][0]
    body = client.get("/measures/m/figures.csv").content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(body)))
    # The API's detail adds comparators, the download figures and comparators.
    assert set(api_measure) - {"comparators"} == set(MEASURE_MEANINGS)
    assert set(download) - {"figures", "comparators"} == set(MEASURE_MEANINGS)
    assert set(api_figure) == set(FIGURE_MEANINGS)
    assert set(download["figures"][0]) == set(FIGURE_MEANINGS)
    assert header == list(CSV_MEANINGS)


def test_every_page_links_to_the_open_data(client):
    assert 'href="/data/">Open data</a>' in client.get("/").content.decode()
