"""The new public pages (and the area page's "You said, we did" part) make
the same number of queries however many entries there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_finding

from .factories import make_entry, make_feedback

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

PAGES = [
    "/you-said-we-did/",
    "/you-said-we-did/?finding=ehcp-quality",
    "/you-said-we-did/feed.atom",
    "/findings/ehcp-quality/",
    "/search/?q=letters",
    "/feedback/?page=/glossary/",
    "/sitemap.xml",
]


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", PAGES)
def test_queries_do_not_grow_with_the_entries(client, site, path):
    other = make_finding(slug="other")
    make_entry(findings=[site])
    before = _count(client, path)
    for n in range(30):
        make_entry(you_said=f"Letters number {n}", findings=[site, other])
        make_feedback(page="/glossary/", comment=f"Feedback {n}")
    assert _count(client, path) == before


def test_the_triage_page_does_not_grow_with_the_feedback(client, site, data_officer):
    client.force_login(data_officer)
    make_feedback(finding=site)
    before = _count(client, "/staff/feedback/")
    entry = make_entry()
    for n in range(40):
        make_feedback(finding=site, comment=f"Feedback {n}", status="responded", response=entry)
    assert _count(client, "/staff/feedback/") == before
