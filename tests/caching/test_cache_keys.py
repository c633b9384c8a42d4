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
    ["utm_source=mail", "fbclid=abc123", "x=1&y=2", "finding=the-area&x=1", "PAGE=2", "a%00=1"],
)
def test_other_parameters_make_no_new_entry(client, measure, junk):
    client.get("/measures/the-measure/")
    client.get("/measures/")
    client.get("/measures/?finding=the-area")
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
        "finding=no-such-area",  # a message on the form
        "progress=junk",
        "finding=the-area&finding=the-area",
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
    client.get("/measures/?finding=the-area")
    client.get("/measures/?finding=the-area&progress=no-data")
    assert _pages_stored() == 3


def test_a_parameter_echoed_into_links_is_never_stored_for_others(client, measure):
    response = client.get("/measures/?finding=the-area&evil=payload")
    assert response.status_code == 200
    assert "payload" not in client.get("/measures/?finding=the-area").text


def test_any_hx_request_value_but_true_shares_the_full_pages_entry(client, measure):
    # Before: each value of the header was a key of its own, so a hundred
    # values made a hundred copies of the page.
    client.get("/measures/")
    client.get("/measures/", headers={"HX-Request": "true"})
    stored = _pages_stored()
    for value in ["1", "false", "TRUE", "yes", *(f"junk-{n}" for n in range(20))]:
        response = client.get("/measures/", headers={"HX-Request": value})
        assert response.status_code == 200
        assert "<html" in response.text  # the whole page, as without the header
        client.get("/measures/", headers={"HX-History-Restore-Request": value})
    assert _pages_stored() == stored


def test_the_feedback_page_is_cached_only_for_pages_that_exist(client, measure):
    client.get("/feedback/?page=/glossary/")
    client.get("/feedback/?page=/measures/the-measure/")
    client.get("/feedback/?page=/findings/the-area/")
    assert _pages_stored() == 3
    # Before: any slug, and anything after a "?" or "#", made a new entry.
    for n in range(5):
        for page in [
            f"/measures/made-up-{n}/",
            f"/findings/made-up-{n}/",
            f"/updates/made-up-{n}/",
            f"/glossary/?n={n}",
            f"/glossary/#n{n}",
            f"/no-such-page-{n}/",
        ]:
            response = client.get("/feedback/", {"page": page})
            assert response.status_code == 200
            assert "Tell us what you think of a page" in response.text
    assert _pages_stored() == 3


def test_the_feedback_page_for_a_made_up_address_still_sends_feedback_about_it(client, measure):
    # Not cached is not refused: the form still names the page it was opened for.
    response = client.get("/feedback/", {"page": "/updates/a-post-not-yet-cached/"})
    assert 'value="/updates/a-post-not-yet-cached/"' in response.text
