"""Addresses and parameters from before findings had their own name ("area")
still work: each answers a permanent redirect to the address that replaced it,
and nothing hidden shows through the new names."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sendprogress.engagement.models import YouSaidWeDid
from tests.engagement.factories import make_entry
from tests.factories import make_finding, make_inspection, make_local_area, make_measure, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(db):
    make_local_area()
    shown = make_finding(slug="plans-on-time", title="Plans on time")
    other = make_finding(slug="other-finding", title="Another finding")
    make_measure(finding=shown, code="shown-measure", title="Plans issued in 20 weeks")
    make_measure(finding=other, code="other-measure", title="Families asked")
    make_post(findings=[shown], title="About plans on time", slug="about-plans")
    make_post(findings=[other], title="About the other finding", slug="about-other")
    make_entry(you_said="Plans took too long", findings=[shown])
    make_entry(you_said="Nobody asked us", findings=[other])
    return shown


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/measures/?area=plans-on-time", "/measures/?finding=plans-on-time"),
        (
            "/measures/?progress=on-track&area=plans-on-time&page=2",
            "/measures/?progress=on-track&finding=plans-on-time&page=2",
        ),
        ("/updates/?area=plans-on-time", "/updates/?finding=plans-on-time"),
        ("/updates/?page=2&area=plans-on-time", "/updates/?page=2&finding=plans-on-time"),
        ("/you-said-we-did/?area=plans-on-time", "/you-said-we-did/?finding=plans-on-time"),
        ("/updates/?area=", "/updates/?finding="),
        ("/updates/?area=no-such-thing", "/updates/?finding=no-such-thing"),
        (
            "/email-updates/check-your-email/?areas=plans-on-time",
            "/email-updates/check-your-email/?findings=plans-on-time",
        ),
        (
            "/email-updates/check-your-email/?areas=all",
            "/email-updates/check-your-email/?findings=all",
        ),
        ("/updates/areas/plans-on-time/feed.rss", "/updates/findings/plans-on-time/feed.rss"),
        ("/updates/areas/plans-on-time/feed.atom", "/updates/findings/plans-on-time/feed.atom"),
        ("/areas/plans-on-time/", "/findings/plans-on-time/"),
    ],
)
def test_an_old_address_moves_for_good_to_the_new_one(client, findings, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_an_old_parameter_is_redirected_even_when_the_new_page_is_cached(client, findings):
    # The page cache keys pages on the parameters a page reads: the old name
    # must not be answered from the entry of the page without it.
    assert "About the other finding" in client.get("/updates/").content.decode()
    response = client.get("/updates/?area=plans-on-time")
    assert response.status_code == 301
    assert response["Location"] == "/updates/?finding=plans-on-time"


def test_a_page_that_reads_no_finding_ignores_the_old_name(client, findings):
    response = client.get("/documents/?area=plans-on-time")
    assert response.status_code == 200
    response = client.get("/measures/shown-measure/?area=plans-on-time")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("address", "ours", "theirs"),
    [
        ("/measures/", "Plans issued in 20 weeks", "Families asked"),
        ("/updates/", "About plans on time", "About the other finding"),
        ("/you-said-we-did/", "Plans took too long", "Nobody asked us"),
    ],
)
def test_the_new_parameter_filters_the_list(client, findings, address, ours, theirs):
    html = client.get(address, {"finding": "plans-on-time"}).content.decode()
    assert ours in html
    assert theirs not in html


def test_the_finding_feeds_hold_that_findings_published_updates(client, findings):
    make_post(findings=[findings], title="A draft about plans", status="draft")
    for kind in ("rss", "atom"):
        body = client.get(f"/updates/findings/plans-on-time/feed.{kind}").content.decode()
        assert "About plans on time" in body
        assert "About the other finding" not in body
        assert "A draft about plans" not in body
        assert "http://testserver/updates/?finding=plans-on-time" in body


def test_an_embargoed_finding_never_shows_through_the_new_names(client, findings):
    hidden = make_finding(
        slug="hidden-finding",
        title="Hidden quorvexian finding",
        inspection=make_inspection(published_on=timezone.localdate() + timedelta(days=30)),
    )
    make_post(findings=[hidden], title="About the hidden one", slug="about-hidden")
    entry = make_entry(you_said="Hidden quorvexian entry", findings=[hidden])
    assert entry.status == YouSaidWeDid.Status.PUBLISHED
    assert client.get("/updates/findings/hidden-finding/feed.rss").status_code == 404
    assert client.get("/updates/findings/hidden-finding/feed.atom").status_code == 404
    for address in ("/measures/", "/updates/", "/you-said-we-did/"):
        response = client.get(address, {"finding": "hidden-finding"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Hidden quorvexian finding" not in html
        # An unknown or hidden finding shows the whole list, never a choice of it.
        assert 'value="hidden-finding"' not in html
