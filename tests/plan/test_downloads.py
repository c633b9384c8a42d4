import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from sendprogress.plan.models import Figure
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure_with_hidden_figures(db):
    measure = make_measure(code="plans-on-time", title="Plans on time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=12.5, commentary="A start.")
    make_figure(measure=measure, period=date(2023, 2, 1), value=77, status=Figure.Status.DRAFT)
    make_figure(measure=measure, period=date(2023, 3, 1), value=88, status=Figure.Status.SUBMITTED)
    make_figure(measure=measure, period=date(2023, 4, 1), value=66, status=Figure.Status.RETURNED)
    return measure


def _csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_measure_csv_has_only_approved_figures(client, measure_with_hidden_figures):
    response = client.get(reverse("plan:measure_csv", args=["plans-on-time"]))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="plans-on-time.csv"'
    rows = _csv(response)
    assert [(r["period"], r["value"]) for r in rows] == [("2023-01-01", "12.50")]
    assert rows[0]["commentary"] == "A start."
    assert rows[0]["progress"]


def test_measure_json_has_only_approved_figures(client, measure_with_hidden_figures):
    response = client.get(reverse("plan:measure_json", args=["plans-on-time"]))
    data = json.loads(response.content)
    (measure,) = data["measures"]
    assert measure["code"] == "plans-on-time"
    assert [f["period"] for f in measure["figures"]] == ["2023-01-01"]
    assert measure["figures"][0]["value"] == 12.5
    assert measure["target"]["value"] == 50
    assert measure["url"] == "http://testserver/measures/plans-on-time/"


def test_all_figures_downloads_leave_out_hidden_measures_and_unapproved_figures(
    client, measure_with_hidden_figures
):
    hidden = make_measure(code="secret-measure", is_public=False)
    make_figure(measure=hidden, period=date(2023, 1, 1), value=5)
    rows = _csv(client.get(reverse("plan:all_csv")))
    assert {r["measure_code"] for r in rows} == {"plans-on-time"}
    assert len(rows) == 1
    data = json.loads(client.get(reverse("plan:all_json")).content)
    assert [m["code"] for m in data["measures"]] == ["plans-on-time"]


def test_download_of_a_hidden_measure_is_not_found(client, db):
    make_measure(code="secret-measure", is_public=False)
    assert client.get(reverse("plan:measure_csv", args=["secret-measure"])).status_code == 404
    assert client.get(reverse("plan:measure_json", args=["secret-measure"])).status_code == 404


def test_downloads_hold_every_approved_figure_of_public_measures_only(client, db):
    three, two = make_measure(code="three-figures"), make_measure(code="two-figures")
    hidden = make_measure(code="hidden", is_public=False)
    for month in (1, 2, 3):
        make_figure(measure=three, period=date(2023, month, 1), value=month)
    make_figure(measure=three, period=date(2023, 4, 1), value=4, status="draft")
    for month in (1, 2):
        make_figure(measure=two, period=date(2023, month, 1), value=month)
    make_figure(measure=hidden, period=date(2023, 1, 1), value=1)

    rows = _csv(client.get(reverse("plan:all_csv")))
    assert sorted(r["measure_code"] for r in rows) == ["three-figures"] * 3 + ["two-figures"] * 2
    for code, count in [("three-figures", 3), ("two-figures", 2)]:
        data = json.loads(client.get(reverse("plan:measure_json", args=[code])).content)
        assert len(data["measures"][0]["figures"]) == count


def test_csv_text_cannot_run_as_a_spreadsheet_formula(client, db):
    measure = make_measure(code="careful")
    make_figure(measure=measure, period=date(2023, 1, 1), value=1, commentary="=HYPERLINK(1)")
    rows = _csv(client.get(reverse("plan:measure_csv", args=["careful"])))
    assert rows[0]["commentary"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    "url", ["/measures/plans-on-time/figures.csv", "/measures/all-measures.csv"]
)
def test_csv_downloads_start_with_a_byte_order_mark_for_excel(client, url):
    measure = make_measure(code="plans-on-time", title="Plans on time")
    # Curly quotes, an en dash and an accent, as pasted from Word.
    commentary = "Families said \u201cit\u2019s better\u201d \u2013 the caf\u00e9 meets monthly."
    make_figure(measure=measure, period=date(2023, 1, 1), value=40, commentary=commentary)
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # Excel on Windows reads the file as UTF-8 only when it starts with the UTF-8 BOM.
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert next(iter(rows[0])) == "measure_code"
    assert [r["commentary"] for r in rows] == [commentary]
