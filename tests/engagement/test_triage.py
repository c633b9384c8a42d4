"""Staff read families' feedback at /staff/feedback/, see yes and no by page
and month, and mark what was done with each answer."""

import re

import pytest

from sendprogress.engagement.models import Feedback

from .factories import make_entry, make_feedback

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_staff_see_feedback_with_its_page_area_and_date(client, site, data_officer):
    make_feedback(page="/findings/ehcp-quality/", finding=site, comment="No dates for the audit")
    client.force_login(data_officer)
    text = _text(client.get("/staff/feedback/"))
    assert "Not useful: /findings/ehcp-quality/" in text
    assert "No dates for the audit" in text
    assert f"Area {site.short_title} " in text


def test_yes_and_no_are_counted_by_page_and_month(client, site, data_officer):
    for useful in (True, True, False):
        make_feedback(page="/glossary/", useful=useful)
    make_feedback(page="/", useful=False)
    client.force_login(data_officer)
    html = client.get("/staff/feedback/").content.decode()
    rows = re.findall(
        r'<td class="govuk-table__cell">[^<]*</td><td class="govuk-table__cell">([^<]*)</td>'
        r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>'
        r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>',
        html,
    )
    assert sorted(rows) == [("/", "0", "1"), ("/glossary/", "2", "1")]


def test_feedback_can_be_filtered_by_area_and_status(client, site, data_officer):
    make_feedback(page="/findings/ehcp-quality/", finding=site, comment="About the area")
    make_feedback(page="/", comment="About the home page", status=Feedback.Status.READ)
    client.force_login(data_officer)
    by_area = _text(client.get("/staff/feedback/", {"finding": "ehcp-quality"}))
    assert "About the area" in by_area
    assert "About the home page" not in by_area
    by_status = _text(client.get("/staff/feedback/", {"status": "read"}))
    assert "About the home page" in by_status
    assert "About the area" not in by_status


def test_the_filters_show_what_was_chosen(client, site, data_officer):
    make_feedback(page="/findings/ehcp-quality/", finding=site, status=Feedback.Status.READ)
    make_feedback(page="/")
    client.force_login(data_officer)
    query = {"page_address": "/", "finding": "ehcp-quality", "status": "read"}
    html = client.get("/staff/feedback/", query).content.decode()
    assert '<option value="/" selected>/</option>' in html
    assert '<option value="/findings/ehcp-quality/">/findings/ehcp-quality/</option>' in html
    assert f'<option value="ehcp-quality" selected>{site}</option>' in html
    assert '<option value="read" selected>Read</option>' in html
    assert '<label class="govuk-label" for="filter-status">Status</label>' in html


def test_an_unknown_area_shows_all_feedback(client, site, data_officer):
    make_feedback(finding=site, comment="About the area")
    make_feedback(comment="About the home page")
    client.force_login(data_officer)
    html = _text(client.get("/staff/feedback/", {"finding": "no-such-area"}))
    assert "About the area" in html
    assert "About the home page" in html


def test_staff_mark_feedback_as_read(client, site, data_officer):
    feedback = make_feedback()
    client.force_login(data_officer)
    response = client.post(f"/staff/feedback/{feedback.pk}/", {f"f{feedback.pk}-status": "read"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.READ


def test_staff_link_feedback_to_the_entry_that_answers_it(client, site, data_officer):
    feedback = make_feedback()
    entry = make_entry()
    client.force_login(data_officer)
    prefix = f"f{feedback.pk}"
    response = client.post(
        f"/staff/feedback/{feedback.pk}/",
        {f"{prefix}-status": "responded", f"{prefix}-response": entry.pk},
        headers={"HX-Request": "true"},
    )
    assert "Marked as answered in “you said, we did”." in response.content.decode()
    feedback.refresh_from_db()
    assert (feedback.status, feedback.response) == (Feedback.Status.RESPONDED, entry)


def test_answered_needs_an_entry(client, site, data_officer):
    feedback = make_feedback()
    client.force_login(data_officer)
    prefix = f"f{feedback.pk}"
    response = client.post(f"/staff/feedback/{feedback.pk}/", {f"{prefix}-status": "responded"})
    assert "Choose the entry that answers this feedback" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW


def test_a_made_up_entry_number_gets_a_message(client, site, data_officer):
    feedback = make_feedback()
    client.force_login(data_officer)
    prefix = f"f{feedback.pk}"
    response = client.post(
        f"/staff/feedback/{feedback.pk}/",
        {f"{prefix}-status": "responded", f"{prefix}-response": "9" * 30},
    )
    assert "Choose an entry from the list" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW


@pytest.mark.parametrize("who", ["anonymous", "partner"])
def test_only_council_staff_see_or_mark_feedback(client, site, partner, who):
    feedback = make_feedback(comment="Private words")
    if who == "partner":
        client.force_login(partner)
    listing = client.get("/staff/feedback/")
    marking = client.post(f"/staff/feedback/{feedback.pk}/", {f"f{feedback.pk}-status": "read"})
    expected = 302 if who == "anonymous" else 403
    assert (listing.status_code, marking.status_code) == (expected, expected)
    assert "Private words" not in listing.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW
