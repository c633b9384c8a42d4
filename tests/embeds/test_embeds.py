"""A measure's chart as a page partner sites may frame, from allowed origins only."""

from datetime import date

import pytest
from django.urls import reverse

from sendprogress.plan.models import Figure
from tests.factories import make_comparator, make_figure, make_measure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]
URL = "/embed/measures/plans-on-time/"


@pytest.fixture
def measure(db):
    measure = make_measure(code="plans-on-time", title="Plans on time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=40)
    make_figure(measure=measure, period=date(2023, 2, 1), value=77, status=Figure.Status.DRAFT)
    make_comparator(measure=measure, values=[(date(2023, 1, 1), "2023", 50.3)])
    return measure


def _frame_ancestors(response) -> str:
    for directive in response["Content-Security-Policy"].split(";"):
        if directive.strip().startswith("frame-ancestors"):
            return directive.strip()
    raise AssertionError("no frame-ancestors")


def test_the_embed_shows_the_headline_chart_and_only_approved_figures(client, measure):
    html = client.get(URL).content.decode()
    assert "The latest figure is <strong>40%</strong> for January 2023" in html
    assert 'class="app-chart__actual"' in html
    assert "England (long dashes with squares)" in html
    assert "77%" not in html
    assert 'href="http://testserver/measures/plans-on-time/" target="_top"' in html


def test_framing_is_allowed_only_from_the_listed_origins(client, measure, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://localoffer.example.gov.uk", "https://icb.example"]
    response = client.get(URL)
    assert _frame_ancestors(response) == (
        "frame-ancestors https://localoffer.example.gov.uk https://icb.example"
    )
    assert "X-Frame-Options" not in response


def test_with_no_origins_listed_nobody_may_frame_it(client, measure, settings):
    settings.EMBED_ALLOWED_ORIGINS = []
    assert _frame_ancestors(client.get(URL)) == "frame-ancestors 'none'"


def test_other_pages_may_never_be_framed(client, measure, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://localoffer.example.gov.uk"]
    response = client.get(reverse("plan:measure_detail", args=["plans-on-time"]))
    assert _frame_ancestors(response) == "frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_the_cached_copy_keeps_the_embed_policy(client, measure, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    settings.EMBED_ALLOWED_ORIGINS = ["https://icb.example"]
    client.get(URL)
    again = client.get(URL)
    assert _frame_ancestors(again) == "frame-ancestors https://icb.example"


def test_a_partner_page_that_isolates_itself_may_still_frame_it(client, measure):
    """A page sending COEP require-corp frames only cross-origin documents that
    allow it (CORP) and isolate themselves too (COEP); the browser test
    tests/browser/test_partner_page.py shows Chromium accepting it."""
    response = client.get(URL)
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response["Cross-Origin-Embedder-Policy"] == "require-corp"


def test_a_hidden_measure_has_no_embed(client, measure):
    measure.is_public = False
    measure.save()
    assert client.get(URL).status_code == 404


def test_the_measure_page_offers_the_snippet(client, measure):
    html = client.get(reverse("plan:measure_detail", args=["plans-on-time"])).content.decode()
    assert (
        "&lt;iframe src=&quot;http://testserver/embed/measures/plans-on-time/&quot;" in html
        or '&lt;iframe src="http://testserver/embed/measures/plans-on-time/"' in html
    )
