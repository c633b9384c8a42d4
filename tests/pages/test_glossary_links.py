"""The glossary's words are explained where a family first meets them: the
first use on a page links to the word's entry, later uses on that page do not."""

import re

import pytest

from sendprogress.pages.models import GlossaryTerm
from tests.factories import make_finding, make_inspection, make_judgement

pytestmark = pytest.mark.django_db


def _links_to(html: str, slug: str) -> list[str]:
    return re.findall(rf'<a class="govuk-link" href="/glossary/#{slug}">([^<]+)</a>', html)


def test_ofsted_is_explained_once_on_the_2023_home_page(client, demo_2023):
    html = client.get("/").content.decode()
    assert _links_to(html, "ofsted") == ["Ofsted"]
    # The priority actions the inspectors named, explained where they are counted.
    assert _links_to(html, "priority-action") == ["priority actions"]


def test_a_glossary_word_in_a_finding_is_linked_the_first_time_only(client):
    GlossaryTerm.objects.create(
        term="Stocktake", slug="stocktake", definition="A check on progress."
    )
    inspection = make_inspection()
    finding = make_finding(summary="The next stocktake is in May.")
    make_judgement(
        finding=finding,
        inspection=inspection,
        what_inspectors_found="At the last stocktake, waits were still too long.",
    )
    html = client.get(finding.get_absolute_url()).content.decode()
    assert _links_to(html, "stocktake") == ["stocktake"]
    assert "At the last stocktake, waits" in html


def test_the_glossary_entry_the_link_points_at_exists(client, demo_2023):
    glossary = client.get("/glossary/").content.decode()
    assert 'id="ofsted"' in glossary
    assert 'id="priority-action"' in glossary
