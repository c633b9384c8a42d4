"""A corrected figure says so wherever it is public: when, what it was, and why."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from sendprogress.accounts.roles import APPROVER
from sendprogress.plan.measures import services
from tests.factories import make_figure, make_measure, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(roles):
    measure = make_measure(code="plans-on-time", title="Plans on time")
    figure = make_figure(measure=measure, period=date(2023, 6, 1), value=Decimal("55"))
    return services.correct_figure(
        figure=figure,
        by=make_user(APPROVER),
        value=Decimal("45"),
        commentary="Fewer plans than first counted.",
        reason="Ten plans were counted twice.",
        commentary_reviewed=True,
    )


def test_the_measure_page_says_the_figure_was_corrected(client, corrected):
    html = client.get("/measures/plans-on-time/").content.decode()
    assert f"Corrected on {corrected.corrected_at:%-d %B %Y} (it was 55%)" in html
    assert "Ten plans were counted twice." in html


def test_the_csv_download_carries_the_correction(client, corrected):
    body = client.get("/measures/plans-on-time/figures.csv").content.decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(body))
    assert row["value"] == "45.00"
    assert row["value_before_correction"] == "55.00"
    assert row["correction_reason"] == "Ten plans were counted twice."
    assert row["corrected_at"].startswith(f"{corrected.corrected_at:%Y-%m-%d}T")
    data = json.loads(client.get("/measures/plans-on-time/figures.json").content)
    assert row["corrected_at"] == data["measures"][0]["figures"][0]["corrected_at"]


def test_the_json_download_carries_the_correction(client, corrected):
    data = json.loads(client.get("/measures/plans-on-time/figures.json").content)
    ((figure,),) = [m["figures"] for m in data["measures"]]
    assert figure["value_before_correction"] == 55
    assert figure["correction_reason"] == "Ten plans were counted twice."


def test_a_figure_never_corrected_says_nothing_of_corrections(client, roles):
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 6, 1), value=Decimal("55"))
    response = client.get("/measures/plans-on-time/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "June 2023" in html
    assert "Corrected on" not in html
