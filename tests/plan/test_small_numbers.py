"""Small numbers: where fewer children than SMALL_NUMBER_THRESHOLD are counted, the
public see the figure and its count as suppressed, on the page and in downloads;
staff still see them. Every surface: tests/plan/test_suppression_everywhere.py."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(db):
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=60, numerator=3, denominator=5)
    make_figure(measure=measure, period=date(2023, 2, 1), value=55, numerator=11, denominator=20)
    return measure


def test_the_measure_page_hides_a_small_count_and_says_why(client, measure):
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "3 of 5" not in html
    assert "60%" not in html
    assert "Not shown: fewer than 10 children, to protect privacy" in html
    assert "11 of 20" in html
    assert "so that no child can be identified" in html


def test_the_downloads_leave_out_a_small_count_with_a_note(client, measure):
    response = client.get(reverse("plan:measure_csv", args=["plans-on-time"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # "c", the statistics symbol for a suppressed value, as the DfE's files have it.
    assert [(r["value"], r["numerator"], r["denominator"]) for r in rows] == [
        ("c", "c", "c"),
        ("55.00", "11", "20"),
    ]
    assert rows[0]["count_note"] == "Not shown: fewer than 10 children, to protect privacy"
    assert rows[1]["count_note"] == ""
    data = json.loads(client.get(reverse("plan:all_json")).content)
    first = data["measures"][0]["figures"][0]
    assert (first["value"], first["numerator"], first["denominator"]) == (None, None, None)
    assert first["count_suppressed"] is True
    assert "fewer than 10" in first["count_note"]


def test_the_threshold_is_a_setting(client, measure, settings, no_page_cache):
    settings.SMALL_NUMBER_THRESHOLD = 25
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "11 of 20" not in html
    assert "Not shown: fewer than 25 children, to protect privacy" in html
    settings.SMALL_NUMBER_THRESHOLD = 0
    assert "3 of 5" in client.get(measure.get_absolute_url()).content.decode()


def test_staff_still_see_the_count(client, measure, approver):
    client.force_login(approver)
    figure = measure.figures.get(denominator=5)
    html = client.get(reverse("staff:review_figure", args=[figure.pk])).content.decode()
    assert "(3 of 5)" in html
