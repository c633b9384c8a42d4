"""Hostile input at the feedback form, the search page, "You said, we did"
and the feedback triage: never a 500, a message where something was typed,
and nothing stored that should not be."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import strategies as st

from sendprogress.engagement.forms import COMMENT_LIMIT
from sendprogress.engagement.models import Feedback
from tests.engagement.factories import make_entry, make_feedback
from tests.engagement.helpers import feedback_fields

from .conftest import HOSTILE, assert_never_500, assert_nothing_changed, shows_a_message, snapshot
from .strategies import hostile_number, hostile_text

pytestmark = pytest.mark.usefixtures("demo")

FEEDS = ["/you-said-we-did/feed.rss", "/you-said-we-did/feed.atom"]


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.FEEDBACK_MIN_SECONDS = 0
    settings.FEEDBACK_LIMIT_PER_CLIENT = 10_000
    settings.SEARCH_LIMIT_PER_CLIENT = 10_000  # a long hunt searches many times from one client


@HOSTILE
@given(
    useful=st.one_of(st.sampled_from(["yes", "no", ""]), hostile_text),
    comment=st.one_of(hostile_text, st.text(min_size=COMMENT_LIMIT + 1, max_size=3000)),
    page=st.one_of(st.sampled_from(["/", "/measures/", "//evil.example/"]), hostile_text),
    started=st.one_of(st.none(), hostile_text),
    htmx=st.booleans(),
)
@example(useful="no", comment="ok\x00", page="/", started=None, htmx=False)
@example(useful="yes", comment="<script>alert(1)</script>", page="/", started=None, htmx=True)
def test_the_feedback_form_never_fails_and_stores_only_what_it_accepts(
    client, useful, comment, page, started, htmx
):
    cache.clear()
    fields = feedback_fields(client.get("/"))
    data = {"useful": useful, "comment": comment, "page": page}
    data["started"] = fields["started"] if started is None else started
    before = Feedback.objects.count()
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post("/feedback/", data, headers=headers)
    assert_never_500(response, "/feedback/")
    stored = Feedback.objects.count() - before
    if stored:
        # Accepted: it went back to a page of this site (or thanked in place).
        assert response.status_code == 200 if htmx else response["Location"].startswith("/")
        assert not response.get("Location", "/").startswith("//")
        saved = Feedback.objects.latest("pk")
        assert "\x00" not in saved.comment
        assert len(saved.comment) <= COMMENT_LIMIT + 200
    else:
        assert response.status_code in (200, 303)
        if response.status_code == 200 and "Thank you" not in response.content.decode():
            assert shows_a_message(response)


def test_a_flood_from_one_address_stores_only_its_share(client, settings):
    settings.FEEDBACK_LIMIT_PER_CLIENT = 3
    fields = feedback_fields(client.get("/"))
    for _ in range(10):
        client.post("/feedback/", {**fields, "useful": "no", "comment": "flood"})
    assert Feedback.objects.filter(comment="flood").count() == 3


@HOSTILE
@given(q=st.one_of(hostile_text, st.text(min_size=500, max_size=5000)), page=hostile_number)
@example(q="\x00", page="1")
@example(q="foo & !bar | (baz <-> :*", page="-1")
def test_search_never_fails(client, q, page):
    before = snapshot()
    response = client.get("/search/", {"q": q, "page": page})
    assert response.status_code == 200
    assert_nothing_changed(before, snapshot(), "/search/")


@HOSTILE
@given(finding=hostile_text, page=hostile_number)
def test_you_said_we_did_never_fails(client, finding, page):
    response = client.get("/you-said-we-did/", {"finding": finding, "page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("path", FEEDS)
def test_the_feeds_carry_hostile_stored_text_safely(client, path):
    make_entry(you_said="<script>alert(1)</script> & \u2028 line")
    response = client.get(path)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@HOSTILE
@given(
    page_address=hostile_text,
    finding=hostile_text,
    status=hostile_text,
    page=hostile_number,
)
def test_the_triage_list_never_fails(client, data_officer, page_address, finding, status, page):
    client.force_login(data_officer)
    response = client.get(
        "/staff/feedback/",
        {"page_address": page_address, "finding": finding, "status": status, "page": page},
    )
    assert response.status_code == 200


@HOSTILE
@given(status=hostile_text, response_id=st.one_of(hostile_number, hostile_text))
@example(status="responded", response_id="9" * 40)
def test_marking_feedback_never_fails(client, data_officer, status, response_id):
    client.force_login(data_officer)
    feedback = make_feedback(comment="x")
    prefix = f"f{feedback.pk}"
    response = client.post(
        f"/staff/feedback/{feedback.pk}/",
        {f"{prefix}-status": status, f"{prefix}-response": response_id},
    )
    assert_never_500(response, "mark feedback")
    feedback.refresh_from_db()
    if response.status_code == 200:
        assert shows_a_message(response)
        assert feedback.status == Feedback.Status.NEW
