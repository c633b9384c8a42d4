"""'You said, we did': staff write entries, approvers publish them, and only
published entries reach the public page, the area pages, the feeds and the
sitemap."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from sendprogress.engagement import services
from sendprogress.engagement.models import YouSaidWeDid

from .factories import make_entry

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/engagement/yousaidwedid/add/"


def _form(**fields):
    return {
        "you_said": "The data pages used too many abbreviations.",
        "we_did": "We spelled them out and added a list of words we use.",
        "done_on": "2024-05-01",
        "status": "draft",
        **fields,
    }


def test_the_public_page_lists_published_entries_newest_first(client, site):
    make_entry(you_said="Older thing families said", done_on=date(2023, 1, 1))
    make_entry(you_said="Newer thing families said", done_on=date(2024, 6, 1))
    make_entry(you_said="A draft nobody approved", published=False)
    html = client.get("/you-said-we-did/").content.decode()
    assert html.index("Newer thing families said") < html.index("Older thing families said")
    assert "A draft nobody approved" not in html
    assert 'Done in <time datetime="2024-06">June 2024</time>' in html


def test_the_page_can_show_one_areas_entries(client, site):
    make_entry(you_said="About plans", findings=[site])
    make_entry(you_said="About the website")
    html = client.get("/you-said-we-did/", {"finding": "ehcp-quality"}).content.decode()
    assert "About plans" in html
    assert "About the website" not in html


def test_an_area_page_shows_its_own_published_entries(client, site):
    make_entry(you_said="About this area", findings=[site])
    make_entry(you_said="About nothing in particular")
    make_entry(you_said="A draft about this area", findings=[site], published=False)
    html = client.get("/findings/ehcp-quality/").content.decode()
    assert "About this area" in html
    assert "About nothing in particular" not in html
    assert "A draft about this area" not in html


@pytest.mark.parametrize("feed", ["feed.rss", "feed.atom"])
def test_the_feeds_carry_published_entries_only(client, site, feed):
    make_entry(you_said="Published words")
    make_entry(you_said="Draft words", published=False)
    body = client.get(f"/you-said-we-did/{feed}").content.decode()
    assert "Published words" in body
    assert "Draft words" not in body


def test_the_sitemap_lists_the_page_and_its_areas_once_something_is_published(client, site):
    assert "/you-said-we-did/" not in client.get("/sitemap.xml").content.decode()
    make_entry(findings=[site])
    body = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/you-said-we-did/</loc>" in body
    assert "http://testserver/you-said-we-did/?finding=ehcp-quality</loc>" in body


def test_a_data_officer_can_write_a_draft_in_the_admin(client, data_officer):
    client.force_login(data_officer)
    assert client.post(ADD_URL, _form()).status_code == 302
    entry = YouSaidWeDid.objects.get()
    assert entry.status == YouSaidWeDid.Status.DRAFT
    assert entry.created_by == data_officer
    assert not entry.is_public


def test_a_data_officer_cannot_publish_in_the_admin(client, data_officer):
    client.force_login(data_officer)
    response = client.post(ADD_URL, _form(status="published"))
    assert response.status_code == 200
    assert "Only an approver can publish an entry" in response.content.decode()
    assert not YouSaidWeDid.objects.exists()


def test_a_data_officer_cannot_change_a_published_entry(client, data_officer):
    entry = make_entry(you_said="As approved")
    client.force_login(data_officer)
    url = f"/admin/engagement/yousaidwedid/{entry.pk}/change/"
    response = client.post(url, _form(you_said="Changed without approval", status="published"))
    assert "Only an approver can publish an entry" in response.content.decode()
    entry.refresh_from_db()
    assert entry.you_said == "As approved"


def test_the_rule_holds_outside_the_admin_too(data_officer):
    entry = YouSaidWeDid(you_said="x", we_did="y", done_on=date(2024, 1, 1), status="published")
    with pytest.raises(PermissionDenied):
        services.save_entry(entry=entry, by=data_officer, creating=True)
    assert not YouSaidWeDid.objects.exists()


def test_an_approver_publishes_and_the_public_sees_it(client, approver, site):
    client.force_login(approver)
    response = client.post(ADD_URL, _form(status="published", findings=[site.pk]))
    assert response.status_code == 302
    client.logout()
    html = client.get("/you-said-we-did/").content.decode()
    assert "We spelled them out and added a list of words we use." in html


def test_publishing_retires_the_cached_page(client, approver, site):
    before = client.get("/you-said-we-did/").content.decode()
    assert "We spelled them out" not in before
    entry = make_entry(published=False, we_did="We spelled them out")
    entry.status = YouSaidWeDid.Status.PUBLISHED
    services.save_entry(entry=entry, by=approver, creating=False)
    assert "We spelled them out" in client.get("/you-said-we-did/").content.decode()


def test_a_partner_can_read_entries_in_the_admin_but_not_write_them(client, partner):
    client.force_login(partner)
    assert client.get("/admin/engagement/yousaidwedid/").status_code == 200
    assert client.post(ADD_URL, _form()).status_code == 403
    assert not YouSaidWeDid.objects.exists()


def test_a_data_officer_cannot_bring_back_a_published_version_through_history(
    client, approver, data_officer
):
    entry = make_entry(published=False, we_did="First words")
    entry.status = YouSaidWeDid.Status.PUBLISHED
    services.save_entry(entry=entry, by=approver, creating=False)
    entry.status = YouSaidWeDid.Status.DRAFT
    services.save_entry(entry=entry, by=approver, creating=False)
    published_version = entry.history.filter(status="published").first()
    client.force_login(data_officer)
    url = f"/admin/engagement/yousaidwedid/{entry.pk}/history/{published_version.history_id}/"
    response = client.post(url, _form(status="published", we_did="First words"))
    # Reverting is switched off for every model (sendprogress/history_admin.py).
    assert response.status_code == 403
    assert "not restored" in response.content.decode()
    entry.refresh_from_db()
    assert not entry.is_public


def test_the_page_lists_twenty_entries_at_a_time_keeping_the_area_in_page_links(client, site):
    for n in range(21):
        make_entry(you_said=f"Said number {n:02}", findings=[site], done_on=date(2024, 1, n + 1))
    first = client.get("/you-said-we-did/", {"finding": "ehcp-quality"}).content.decode()
    second = client.get(
        "/you-said-we-did/", {"finding": "ehcp-quality", "page": 2}
    ).content.decode()
    assert "Said number 20" in first
    assert "Said number 00" not in first
    assert "Said number 00" in second
    assert "Said number 20" not in second
    assert 'href="?finding=ehcp-quality&amp;page=2" aria-label="Page 2"' in first
    assert 'href="?finding=ehcp-quality&amp;page=1" rel="prev"' in second
    assert "(page 2 of 2)" in second


def test_a_page_past_the_end_shows_the_last_page(client, site):
    for n in range(21):
        make_entry(you_said=f"Said number {n:02}", done_on=date(2024, 1, n + 1))
    html = client.get("/you-said-we-did/", {"page": 99}).content.decode()
    assert "Said number 00" in html
    assert "(page 2 of 2)" in html


def test_the_area_filter_shows_the_area_chosen(client, site):
    make_entry(you_said="About plans", findings=[site])
    html = client.get("/you-said-we-did/", {"finding": "ehcp-quality"}).content.decode()
    assert '<label class="govuk-label" for="finding-filter">Show what families said about' in html
    assert '<option value="">All areas</option>' in html
    assert f'<option value="ehcp-quality" selected>{site.title}</option>' in html


def test_an_unknown_area_in_the_address_shows_every_entry(client, site):
    make_entry(you_said="About plans", findings=[site])
    make_entry(you_said="About the website")
    response = client.get("/you-said-we-did/", {"finding": "no-such-area"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "About plans" in html
    assert "About the website" in html
    assert '<option value="" selected>All areas</option>' in html


ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.mark.parametrize(
    "url",
    [
        "/you-said-we-did/feed.atom",
        "/updates/feed.atom",
        "/updates/findings/ehcp-quality/feed.atom",
    ],
)
def test_every_atom_feed_names_the_local_area_as_its_author(client, site, url):
    from xml.etree import ElementTree

    root = ElementTree.fromstring(client.get(url).content)  # noqa: S314 - our own output
    assert root.findtext("a:author/a:name", namespaces=ATOM) == "Testshire"


def test_a_long_entry_title_is_cut_at_a_word_with_an_ellipsis(client, site):
    from xml.etree import ElementTree

    make_entry(you_said="Short and whole")
    make_entry(you_said="We could not find " + "the dates of the meetings " * 6 + "anywhere")
    root = ElementTree.fromstring(client.get("/you-said-we-did/feed.atom").content)  # noqa: S314
    titles = [
        entry.findtext("a:title", namespaces=ATOM) for entry in root.findall("a:entry", ATOM)
    ]
    assert "You said: Short and whole" in titles
    [long] = [title for title in titles if title != "You said: Short and whole"]
    # Cut before the word that would pass 100 characters ("meetings"), not inside it.
    assert long == (
        "You said: We could not find the dates of the meetings "
        "the dates of the meetings the dates of the\u2026"
    )
