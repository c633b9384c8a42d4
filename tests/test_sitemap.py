"""sitemap.xml, written without Django's sitemap framework: the sitemaps
protocol's XML, every address escaped, each lastmod the local date the page
last changed in what the public can see."""

import re
from datetime import UTC, date, datetime
from xml.etree import ElementTree

import pytest
import time_machine

from sendprogress.plan.models import Figure
from sendprogress.reports.models import ProgressReport
from tests.factories import (
    make_figure,
    make_finding,
    make_inspection,
    make_measure,
    make_plan,
    make_post,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _urls(client) -> dict[str, dict[str, str]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    return {
        url.find("s:loc", NS).text.removeprefix("http://testserver"): {
            child.tag.split("}")[1]: child.text for child in url
        }
        for url in root.findall("s:url", NS)
    }


def test_a_hostile_slug_is_escaped_in_the_xml(client):
    make_finding(slug="a&b<script>'\"")
    body = client.get("/sitemap.xml").content.decode()
    assert "<script>" not in body
    assert "/findings/a&amp;b%3Cscript%3E&#x27;%22/" in body
    assert "/findings/a&b%3Cscript%3E'%22/" in _urls(client)


def test_an_updates_lastmod_is_the_local_date_it_last_changed_in_substance(client):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    published = make_post(
        slug="late-night", published_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    )
    revised = make_post(
        slug="revised",
        published_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        revised_at=datetime(2026, 4, 2, 10, 0, tzinfo=UTC),
    )
    urls = _urls(client)
    assert urls[published.get_absolute_url()] == {
        "loc": "http://testserver/updates/late-night/",
        "lastmod": "2026-07-01",
        "changefreq": "monthly",
    }
    assert urls[revised.get_absolute_url()]["lastmod"] == "2026-04-02"


def test_it_sends_no_last_modified_header(client):
    make_post()
    assert "Last-Modified" not in client.get("/sitemap.xml").headers


@pytest.mark.parametrize("page", ["2", "0", "x", ""])
def test_there_is_one_page_of_it(client, page):
    assert client.get("/sitemap.xml", {"p": "1"}).status_code == 200
    assert client.get("/sitemap.xml", {"p": page}).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "slug"),
    [
        ("plan:finding_detail", "ehcp-needs"),
        ("plan:measure_detail", "M_01"),
        ("updates:post_detail", "x"),
    ],
)
def test_address_of_gives_what_reverse_gives(url_name, slug):
    from django.urls import reverse

    from sendprogress.core.addresses import address_of

    assert address_of(url_name)(slug) == reverse(url_name, args=[slug])


def test_address_of_quotes_what_is_not_a_slug_as_reverse_would():
    from sendprogress.core.addresses import address_of

    assert address_of("plan:finding_detail")("a b&c/é") == "/findings/a%20b&c/%C3%A9/"


def test_a_you_said_we_did_area_with_a_hostile_slug_is_escaped(client):
    from tests.engagement.factories import make_entry

    make_entry(findings=[make_finding(slug="x&y<z>")])
    body = client.get("/sitemap.xml").content.decode()
    assert "/you-said-we-did/?finding=x&amp;y&lt;z&gt;</loc>" in body
    assert "/you-said-we-did/?finding=x&y<z>" in _urls(client)


# The sitemaps protocol (sitemaps.org/protocol.html): what search engines and
# other people's tools accept.
MAX_URLS = 50_000
MAX_LOC = 2_048
W3C_DATETIME = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?"
)


def test_the_demo_sitemap_keeps_the_protocol_and_every_address_in_it_answers(client, demo):
    response = client.get("/sitemap.xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    urls = root.findall("s:url", NS)
    assert 0 < len(urls) <= MAX_URLS
    assert len(response.content) <= 50 * 1024 * 1024
    locs = []
    for url in urls:
        loc = url.find("s:loc", NS).text
        assert loc.startswith("http://testserver/"), loc
        assert len(loc) <= MAX_LOC
        lastmod = url.find("s:lastmod", NS)
        if lastmod is not None:
            assert W3C_DATETIME.fullmatch(lastmod.text), lastmod.text
        locs.append(loc)
    assert len(set(locs)) == len(locs), "an address is listed twice"
    for loc in locs:
        page = client.get(loc.removeprefix("http://testserver"))
        assert page.status_code == 200, loc
    paths = {loc.removeprefix("http://testserver") for loc in locs}
    assert {"/data/", "/reports/", "/reports/2023-10-31/"} <= paths


def test_a_measure_finding_and_plan_last_changed_when_a_figure_was_approved(client):
    with time_machine.travel(datetime(2026, 1, 5, 12, tzinfo=UTC), tick=False):
        finding = make_finding(slug="the-area")
        plan = make_plan(slug="the-plan", findings=[finding])
        measure = make_measure(code="the-measure", finding=finding, plan=plan)
    make_figure(
        measure=measure,
        period=date(2026, 1, 1),
        value=12,
        approved_at=datetime(2026, 2, 10, 9, tzinfo=UTC),
    )
    # Waiting for approval: the public cannot see it, so it changes nothing yet.
    make_figure(
        measure=measure,
        period=date(2026, 2, 1),
        value=13,
        status=Figure.Status.SUBMITTED,
        submitted_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )
    urls = _urls(client)
    assert urls["/measures/the-measure/"]["lastmod"] == "2026-02-10"
    assert urls["/findings/the-area/"]["lastmod"] == "2026-02-10"
    assert urls["/plans/the-plan/"]["lastmod"] == "2026-02-10"


def test_a_correction_moves_the_date_and_an_edit_to_the_measure_does_too(client):
    with time_machine.travel(datetime(2026, 1, 5, 12, tzinfo=UTC), tick=False):
        measure = make_measure(code="the-measure")
    make_figure(
        measure=measure,
        period=date(2026, 1, 1),
        value=12,
        approved_at=datetime(2026, 2, 10, 9, tzinfo=UTC),
        corrected_at=datetime(2026, 4, 20, 9, tzinfo=UTC),
    )
    assert _urls(client)["/measures/the-measure/"]["lastmod"] == "2026-04-20"
    with time_machine.travel(datetime(2026, 5, 2, 12, tzinfo=UTC), tick=False):
        measure.title = "A clearer title"
        measure.save()
    assert _urls(client)["/measures/the-measure/"]["lastmod"] == "2026-05-02"


def test_an_area_is_never_dated_before_its_inspection_was_published(client):
    with time_machine.travel(datetime(2025, 1, 5, 12, tzinfo=UTC), tick=False):
        inspection = make_inspection(published_on=date(2025, 3, 1))
        make_finding(slug="the-area", inspection=inspection)
    assert _urls(client)["/findings/the-area/"]["lastmod"] == "2025-03-01"


def test_an_embargoed_area_and_a_draft_report_are_not_listed(client):
    from tests.reports.conftest import make_published_report

    inspection = make_inspection(published_on=date(2999, 1, 1))
    make_finding(slug="secret", inspection=inspection)
    report = make_published_report(
        as_at=date(2024, 3, 31), published_at=datetime(2024, 4, 2, 23, 30, tzinfo=UTC)
    )
    ProgressReport.objects.create(as_at=date(2024, 6, 30))  # a draft
    urls = _urls(client)
    assert "/findings/secret/" not in urls
    assert "/reports/2024-06-30/" not in urls
    # Published at 00:30 on 3 April in London: a published report never changes after.
    assert urls[report.get_absolute_url()]["lastmod"] == "2024-04-03"
