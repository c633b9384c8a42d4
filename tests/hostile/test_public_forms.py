"""Hostile input at every public form and query string: never a 500, a message
where a form was filled in wrongly, and nothing already saved changes."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import strategies as st

from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import Finding
from sendprogress.updates.models import Subscriber

from .conftest import (
    HOSTILE,
    WALK,
    assert_never_500,
    assert_nothing_changed,
    changed_tables,
    shows_a_message,
    snapshot,
)
from .strategies import hostile_number, hostile_text

pytestmark = pytest.mark.usefixtures("demo")

SLUGS = ["ehcp-quality", "ehcp-needs-identified-and-met", "outcomes"]
PROGRESS = [p.value for p in Progress]
# 64 + 1 + 192 + 4 = 261 characters: a well-formed address too long to store.
TOO_LONG_EMAIL = "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "org"


def _filterable_slugs():
    return set(Finding.objects.filter(measures__is_public=True).values_list("slug", flat=True))


@HOSTILE
@given(
    finding=st.one_of(st.sampled_from(["", *SLUGS]), hostile_text),
    progress=st.one_of(st.sampled_from(["", *PROGRESS]), hostile_text),
    page=st.one_of(st.none(), hostile_number),
    htmx=st.booleans(),
)
def test_the_measures_filter_never_fails(client, finding, progress, page, htmx):
    before = snapshot()
    query = {"finding": finding, "progress": progress}
    if page is not None:
        query["page"] = page
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/measures/", query, headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    # htmx swaps only the results, from a select that offers only good choices;
    # a whole page shows the form, with its messages.
    # NUL bytes are taken out of query strings before any view reads them.
    finding, progress = finding.replace("\x00", ""), progress.replace("\x00", "")
    if not htmx and finding and finding not in _filterable_slugs():
        assert "Choose what the measures are about from the list" in html
    if not htmx and progress and progress not in PROGRESS:
        assert "Choose on track, at risk, off track or no data yet" in html
    assert_nothing_changed(before, snapshot(), "/measures/")


@HOSTILE
@given(
    day=st.one_of(st.sampled_from(["", "1", "31", "0"]), hostile_text),
    month=st.one_of(st.sampled_from(["", "2", "13"]), hostile_text),
    year=st.one_of(st.sampled_from(["", "2023", "0", "9999"]), hostile_number, hostile_text),
)
@example(day="31", month="2", year="2023")
@example(day="1", month="1", year="99999999999999999999")
def test_the_what_has_changed_date_never_fails(client, day, month, year):
    before = snapshot()
    response = client.get("/what-has-changed/", {"day": day, "month": month, "year": year})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "There is a problem" in response.content.decode()
    assert_nothing_changed(before, snapshot(), "/what-has-changed/")


@HOSTILE
@given(finding=st.one_of(st.sampled_from(SLUGS), hostile_text), page=hostile_number)
def test_the_updates_list_never_fails(client, finding, page):
    before = snapshot()
    response = client.get("/updates/", {"finding": finding, "page": page})
    assert response.status_code == 200
    assert_nothing_changed(before, snapshot(), "/updates/")


@HOSTILE
@given(
    email=st.one_of(hostile_text, st.emails(), st.sampled_from(["parent@example.org"])),
    findings=st.lists(
        st.one_of(hostile_text, st.integers().map(str), st.sampled_from(["1", "2"]))
    ),
)
@example(email=TOO_LONG_EMAIL, findings=["1"])
@example(email="parent@example.org", findings=["1", "1"])
@example(email="parent@example.org\x00", findings=["1"])
def test_signing_up_for_email_updates_never_fails(client, email, findings):
    cache.clear()  # each example is a new visitor, within the sign-up limits
    before = snapshot()
    response = client.post("/email-updates/", {"email": email, "findings": findings})
    assert_never_500(response, "/email-updates/")
    if response.status_code == 302:
        # Only the address and its findings may change.
        assert changed_tables(before, snapshot()) <= {
            "updates_subscriber",
            "updates_subscriber_findings",
        }
        assert Subscriber.objects.filter(email=email.strip().lower()).exists()
    else:
        assert response.status_code == 200
        assert shows_a_message(response), (email, findings)
        assert_nothing_changed(before, snapshot(), "/email-updates/")


@HOSTILE
@given(token=hostile_text, method=st.sampled_from(["get", "post"]))
def test_confirming_and_unsubscribing_with_any_token_never_fails(client, token, method):
    Subscriber.objects.get_or_create(email="someone@example.org")
    before = snapshot()
    for page in ("confirm", "unsubscribe"):
        response = getattr(client, method)(f"/email-updates/{page}/{quote(token, safe='')}/")
        assert_never_500(response, page)
        assert response.status_code in {200, 404}
    assert_nothing_changed(before, snapshot(), "confirm/unsubscribe")


@HOSTILE
@given(
    known=st.booleans(),
    token=hostile_text,
    coverage=st.one_of(st.sampled_from(["all", "some", ""]), hostile_text),
    findings=st.lists(
        st.one_of(hostile_text, st.integers().map(str), st.sampled_from(["1", "2"]))
    ),
)
@example(known=True, token="", coverage="some", findings=[])
def test_changing_email_choices_never_fails(client, known, token, coverage, findings):
    subscriber, _ = Subscriber.objects.get_or_create(email="someone@example.org")
    address = (
        subscriber.get_choices_url()
        if known
        else f"/email-updates/choices/{quote(token, safe='')}/"
    )
    before = snapshot()
    response = client.post(address, {"coverage": coverage, "findings": findings})
    assert_never_500(response, "choices")
    changed = changed_tables(before, snapshot())
    if changed:
        assert known
        assert changed <= {"updates_subscriber", "updates_subscriber_findings"}
        assert "Your choices are saved" in response.content.decode()
    elif response.status_code != 404:  # a token that is no address at all
        assert response.status_code in {200, 400}
        html = response.content.decode()
        # Saving the choices an address already has (an earlier example's) changes no row.
        saved_again = known and "Your choices are saved" in html
        assert saved_again or shows_a_message(response) or "We do not recognise this link" in html


PUBLIC_ADDRESSES = [
    "/findings/{}/",
    "/areas/{}/",
    "/plans/{}/",
    "/measures/{}/",
    "/measures/{}/figures.csv",
    "/measures/{}/figures.json",
    "/measures/{}/comparators.csv",
    "/embed/measures/{}/",
    "/reports/{}/",
    "/reports/{}.pdf",
    "/updates/{}/",
    "/updates/findings/{}/feed.atom",
    "/updates/findings/{}/feed.rss",
    "/updates/areas/{}/feed.atom",
    "/updates/areas/{}/feed.rss",
    "/evidence/{}/download/",
    "/updates/preview/{}/",
    "/updates/images/{}/",
]


@WALK
@given(
    segment=st.one_of(hostile_text, st.integers(min_value=-(10**40), max_value=10**40).map(str)),
    query=st.dictionaries(hostile_text, hostile_text, max_size=3),
)
@example(segment="99999999999999999999", query={})
@example(segment="9223372036854775808", query={})
def test_public_addresses_with_any_slug_or_number_never_fail(client, segment, query):
    before = snapshot()
    for address in PUBLIC_ADDRESSES:
        url = address.format(quote(segment, safe=""))
        response = client.get(url, query)
        assert_never_500(response, url)
    assert_nothing_changed(before, snapshot(), "public addresses")


@WALK
@given(query=st.dictionaries(hostile_text, hostile_text, max_size=3), p=hostile_number)
def test_every_public_page_takes_any_query_string(client, query, p):
    before = snapshot()
    for url in (
        "/",
        "/journey/",
        "/documents/",
        "/glossary/",
        "/privacy/",
        "/cookies/",
        "/accessibility/",
        "/updates/feed.atom",
        "/updates/feed.rss",
        "/measures/all-measures.csv",
        "/measures/all-measures.json",
        "/data/",
        "/reports/",
        "/reports/2023-10-31/",
        "/reports/2023-10-31.pdf",
        "/email-updates/check-your-email/",
        "/what-has-changed/",
    ):
        assert_never_500(client.get(url, query), url)
    assert_never_500(client.get("/sitemap.xml", {"p": p}), "/sitemap.xml")
    assert_nothing_changed(before, snapshot(), "public pages")
