from datetime import date

import pytest
from django.urls import reverse

from sendprogress.plan.views.measures import MEASURES_PER_PAGE
from tests.factories import make_figure, make_finding, make_measure

pytestmark = pytest.mark.django_db
URL = reverse("plan:measure_list")


def test_it_lists_every_public_measure(client, db):
    shown = [make_measure(code="plans-on-time"), make_measure(code="families-happy")]
    make_measure(code="not-yet-public", is_public=False)
    html = client.get(URL).content.decode()
    for measure in shown:
        assert measure.get_absolute_url() in html
    assert "2 measures" in html


def test_it_hides_measures_that_are_not_public(client, db):
    make_measure(title="Hidden measure", is_public=False)
    make_measure(title="Shown measure")
    html = client.get(URL).content.decode()
    assert "Shown measure" in html
    assert "Hidden measure" not in html


def test_it_filters_by_area(client, db):
    wanted, other = make_finding(slug="wanted"), make_finding(slug="other")
    make_measure(finding=wanted, title="Wanted measure")
    make_measure(finding=other, title="Other measure")
    html = client.get(URL, {"finding": "wanted"}).content.decode()
    assert "Wanted measure" in html
    assert "Other measure" not in html
    assert "<title>All measures (filtered)" in html


def test_it_filters_by_progress(client, db):
    on_track = make_measure(title="Doing well")
    make_figure(measure=on_track, period=date(2023, 6, 1), value=90)
    make_measure(title="Nothing yet")
    html = client.get(URL, {"progress": "no-data"}).content.decode()
    assert "Nothing yet" in html
    assert "Doing well" not in html
    html = client.get(URL, {"progress": "on-track"}).content.decode()
    assert "Doing well" in html
    assert "Nothing yet" not in html


def test_unknown_filter_values_get_a_message_not_an_error(client, db):
    response = client.get(URL, {"finding": "no-such-area", "progress": "sideways"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose what the measures are about from the list" in html
    assert "Choose on track, at risk, off track or no data yet" in html


def test_the_filter_is_a_plain_get_form_that_htmx_enhances(client, db):
    html = client.get(URL).content.decode()
    assert f'<form method="get" action="{URL}"' in html
    assert f'data-hx-get="{URL}"' in html
    assert 'data-hx-push-url="true"' in html
    assert 'type="submit"' in html


def test_htmx_requests_get_only_the_results(client, db):
    wanted = make_measure(finding=make_finding(slug="outcomes"), code="good-outcomes")
    other = make_measure(finding=make_finding(slug="other"), code="other-measure")
    response = client.get(URL, {"finding": "outcomes"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "<h1" not in html
    assert 'data-hx-swap-oob="true"' in html
    assert wanted.get_absolute_url() in html
    assert other.get_absolute_url() not in html


def test_back_button_restores_get_the_whole_page(client, db):
    response = client.get(
        URL,
        {"finding": "outcomes"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<h1" in response.content.decode()


def test_full_and_partial_responses_are_cached_apart(client, db):
    assert "HX-Request" in client.get(URL)["Vary"]


def test_long_lists_are_paginated_keeping_the_filter(client, db):
    finding = make_finding(slug="busy")
    for n in range(MEASURES_PER_PAGE + 2):
        make_measure(finding=finding, title=f"Busy measure {n:02}", order=n)
    html = client.get(URL, {"finding": "busy"}).content.decode()
    assert "page 1 of 2" in html
    assert "?finding=busy&amp;page=2" in html
    html = client.get(URL, {"finding": "busy", "page": 2}).content.decode()
    assert f"Busy measure {MEASURES_PER_PAGE + 1:02}" in html
    assert "Busy measure 00" not in html
