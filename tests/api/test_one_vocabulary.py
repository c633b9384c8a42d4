"""The API, the JSON download and the CSV download name and code a measure's
figures alike: one field, one name, one code, wherever a partner reads it."""

import csv
import io
from datetime import date

import pytest

from sendprogress.plan.models import Figure
from tests.factories import make_figure, make_measure, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(db):
    plan = make_plan(slug="app", title="Accelerated Progress Plan")
    measure = make_measure(code="plans-on-time", plan=plan, frequency="quarterly", target_value=50)
    make_figure(measure=measure, period=date(2023, 1, 1), value=40, numerator=40, denominator=100)
    make_figure(measure=measure, period=date(2023, 4, 1), value=60, numerator=3, denominator=5)
    make_figure(measure=measure, period=date(2023, 7, 1), value=99, status=Figure.Status.DRAFT)
    return measure


def _read(client):
    api_measure = client.get("/api/v1/measures/plans-on-time/").json()
    api_figures = client.get("/api/v1/measures/plans-on-time/figures/").json()["results"]
    (download,) = client.get("/measures/plans-on-time/figures.json").json()["measures"]
    body = client.get("/measures/plans-on-time/figures.csv").content.decode("utf-8-sig")
    return api_measure, api_figures, download, list(csv.DictReader(io.StringIO(body)))


def test_a_figure_has_the_same_fields_in_the_api_the_json_and_the_csv(client, measure):
    _, api_figures, download, rows = _read(client)
    assert list(api_figures[0]) == list(download["figures"][0])
    # The CSV is the same figure, after the measure's code and plain fields.
    assert list(rows[0])[-len(api_figures[0]) :] == list(api_figures[0])
    assert list(rows[0])[:2] == ["measure_code", "measure_title"]


def test_coded_values_are_codes_with_their_words_beside_them(client, measure):
    api_measure, api_figures, download, rows = _read(client)
    for source in (api_measure, download):
        assert (source["frequency"], source["frequency_label"]) == (
            "quarterly",
            "Every three months",
        )
        assert (source["plan"], source["plan_title"]) == ("app", "Accelerated Progress Plan")
        assert (source["plan_status"], source["plan_status_label"]) == ("current", "Current")
    assert api_measure["progress"] == download["progress"]
    assert api_measure["progress_label"] == download["progress_label"]
    progress = [(f["progress"], f["progress_label"]) for f in api_figures]
    assert progress == [(f["progress"], f["progress_label"]) for f in download["figures"]]
    assert progress == [(r["progress"], r["progress_label"]) for r in rows]
    for code, label in progress:
        assert code in {"on-track", "at-risk", "off-track"}
        assert label in {"On track", "At risk", "Off track"}
    assert [(r["plan"], r["plan_status"]) for r in rows] == [("app", "current")] * 2


def test_the_same_figures_and_suppression_everywhere(client, measure):
    _, api_figures, download, rows = _read(client)
    assert [f["period"] for f in api_figures] == ["2023-01-01", "2023-04-01"]
    assert api_figures == download["figures"]
    assert [r["period"] for r in rows] == ["2023-01-01", "2023-04-01"]
    # 3 of 5 counts too few children: null in JSON, c in the CSV, said in both.
    small = api_figures[1]
    assert (small["value"], small["numerator"], small["denominator"]) == (None, None, None)
    assert small["count_suppressed"] is True
    assert [rows[1][c] for c in ("value", "numerator", "denominator")] == ["c", "c", "c"]
    assert rows[1]["count_suppressed"] == "True"
    assert rows[1]["count_note"] == small["count_note"]
    assert (rows[0]["value"], rows[0]["numerator"], rows[0]["denominator"]) == (
        "40.00",
        "40",
        "100",
    )
    assert rows[0]["approved_at"] == api_figures[0]["approved_at"]


def test_the_json_download_has_no_leftover_comparator(client, measure):
    _, _, download, _ = _read(client)
    assert "comparator" not in download
    assert download["comparators"] == []
