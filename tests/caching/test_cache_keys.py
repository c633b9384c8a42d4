"""Pages are cached under the query parameters they read, and nothing else:
junk parameters and values a page does not accept never fill the cache."""

import pytest
from django.core.cache import caches

from sendprogress.plan.models import Figure

pytestmark = pytest.mark.django_db


def _pages_stored() -> int:
    return sum("public-pages:" in key and "version" not in key for key in caches["default"]._cache)


def _commentary(measure, text):
    # No signal, so nothing retires the cached pages: a page that shows it
    # was rendered afresh.
    Figure.objects.filter(measure=measure).update(commentary=text)


@pytest.mark.parametrize(
    "junk",
    ["utm_source=mail", "fbclid=abc123", "x=1&y=2", "area=the-area&x=1", "PAGE=2", "a%00=1"],
)
def test_other_parameters_make_no_new_entry(client, measure, junk):
    client.get("/measures/the-measure/")
    client.get("/measures/")
    client.get("/measures/?area=the-area")
    stored = _pages_stored()
    for n in range(5):
        client.get(f"/measures/the-measure/?{junk}&n={n}")
        client.get(f"/measures/?{junk}&n={n}")
    assert _pages_stored() == stored


def test_other_parameters_get_the_page_without_them_from_the_cache(client, measure):
    client.get("/measures/the-measure/")
    _commentary(measure, "Changed behind the cache.")
    response = client.get("/measures/the-measure/?utm_source=newsletter")
    assert response.status_code == 200
    assert "Changed behind the cache." not in response.text


@pytest.mark.parametrize(
    "query",
    [
        "page=999",  # shown as the last page
        "page=abc",
        "page=01",
        "area=no-such-area",  # a message on the form
        "progress=junk",
        "area=the-area&area=the-area",
    ],
)
def test_values_a_page_does_not_accept_make_no_entry(client, measure, query):
    client.get("/measures/")
    client.get("/updates/")
    stored = _pages_stored()
    assert client.get(f"/measures/?{query}").status_code == 200
    assert client.get(f"/updates/?{query}").status_code == 200
    assert _pages_stored() == stored


def test_values_a_page_accepts_are_cached_apart(client, measure):
    client.get("/measures/")
    client.get("/measures/?area=the-area")
    client.get("/measures/?area=the-area&progress=no-data")
    assert _pages_stored() == 3


def test_a_parameter_echoed_into_links_is_never_stored_for_others(client, measure):
    response = client.get("/measures/?area=the-area&evil=payload")
    assert response.status_code == 200
    assert "payload" not in client.get("/measures/?area=the-area").text
