"""Site search: public content only, ranked, words marked, the kind of
result labelled; the same page on SQLite and PostgreSQL."""

import re

import pytest

from sendprogress.updates.models import Post
from tests.factories import make_finding, make_measure, make_post

from .factories import make_entry

pytestmark = pytest.mark.django_db


def _results(response) -> list[tuple[str, str]]:
    """(kind, title text) of each result, in order."""
    html = response.content.decode()
    found = re.findall(
        r'app-search-result__kind">([^<]+)</p>\s*<h2 class="govuk-heading-s"><a [^>]*>(.*?)</a>',
        html,
        re.S,
    )
    return [(kind, re.sub(r"<[^>]+>", "", title)) for kind, title in found]


def test_it_finds_a_published_you_said_we_did_entry_by_a_word_in_it(client, site):
    make_entry(you_said="Families found the transport letters confusing")
    response = client.get("/search/", {"q": "transport"})
    assert _results(response) == [
        ("You said, we did", "Families found the transport letters confusing")
    ]
    assert "<mark>transport</mark>" in response.content.decode()


def test_it_labels_each_kind_of_result(client, site):
    finding = make_finding(title="Short breaks for families", slug="short-breaks")
    make_measure(finding=finding, code="respite", title="Nights of short breaks offered")
    make_post(title="Short breaks review", summary="What we found.", body="Short breaks.")
    kinds = {kind for kind, _ in _results(client.get("/search/", {"q": "short breaks"}))}
    assert {"Finding", "Measure", "Update"} <= kinds


def test_it_never_finds_what_is_not_public(client, site):
    make_entry(you_said="A secret draft about minibuses", published=False)
    make_post(title="Minibus plans", status=Post.Status.DRAFT)
    make_measure(code="hidden", title="Minibus hours", is_public=False)
    response = client.get("/search/", {"q": "minibus"})
    assert _results(response) == []
    assert "No results for “minibus”" in response.content.decode()


def test_titles_that_match_come_first(client, site):
    make_post(title="Therapy waiting times", summary="About therapy.", body="Therapy.")
    make_post(title="Other news", summary="Some words about therapy.", body="More.")
    titles = [title for _, title in _results(client.get("/search/", {"q": "therapy"}))]
    assert titles.index("Therapy waiting times") < titles.index("Other news")


def test_stored_text_is_shown_as_text_never_as_html(client, site):
    make_entry(you_said="<script>alert('x')</script> buses were late")
    html = client.get("/search/", {"q": "buses"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_the_header_on_every_page_has_the_search_box(client, site):
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert 'action="/search/"' in html
    header = html[html.index('<header class="app-header">') : html.index("</header>")]
    assert 'for="header-search-q">Search this site</label>' in header
    box = re.search(r'<input [^>]*id="header-search-q"[^>]*>', header)[0]
    assert 'type="search"' in box
    assert 'name="q"' in box
    assert 'maxlength="200"' in box
    assert 'class="govuk-input app-header__search-input"' in box
    assert "aria-describedby" not in box  # no hint in the header to point at


def test_htmx_gets_only_the_results(client, site):
    make_entry(you_said="Ramps at the centre")
    response = client.get("/search/", {"q": "ramps"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-results">')
    assert "<header" not in html


@pytest.mark.parametrize(
    "query",
    ["", " ", "a" * 5000, "\x00", "'\"", "& | ! :* <->", "(((", "the", "🙂", "x\u2028y", "-"],
)
def test_any_query_gets_a_page(client, site, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_results_come_in_pages(client, site):
    for n in range(12):
        make_entry(you_said=f"Parking problem number {n}")
    first = client.get("/search/", {"q": "parking"})
    second = client.get("/search/", {"q": "parking", "page": 2})
    assert len(_results(first)) == 10
    assert len(_results(second)) == 2
    assert "12 results for “parking”" in first.content.decode()
    assert 'href="?q=parking&amp;page=2" rel="next"' in first.content.decode()
    assert 'href="?q=parking&amp;page=1" rel="prev"' in second.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, site, no_page_cache, django_assert_max_num_queries
):
    make_entry(you_said="Speech therapy waits")
    with django_assert_max_num_queries(12) as few:
        client.get("/search/", {"q": "speech"})
    for n in range(20):
        make_entry(you_said=f"Speech therapy waits {n}", findings=[site])
        make_post(title=f"Speech update {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/search/", {"q": "speech"})


def test_the_search_box_shows_what_was_searched_for_with_its_hint(client, site):
    html = client.get("/search/", {"q": "  speech   therapy "}).content.decode()
    assert '<label class="govuk-label" for="search-page-q">Search this site</label>' in html
    assert 'type="search" name="q" value="speech therapy" maxlength="200"' in html
    assert 'aria-describedby="search-page-q_helptext"' in html
    assert 'id="search-page-q_helptext">Areas, measures, actions, updates' in html
