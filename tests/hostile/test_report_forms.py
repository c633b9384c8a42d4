"""Hostile input at the progress report pages: never a 500, a message where the
date was typed, and a refused or bad request changes nothing."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sendprogress.reports.models import ProgressReport

from .conftest import (
    HOSTILE,
    WALK,
    assert_never_500,
    assert_nothing_changed,
    changed_tables,
    shows_a_message,
    snapshot,
)
from .strategies import hostile_date, hostile_text

pytestmark = pytest.mark.usefixtures("demo")


@HOSTILE
@given(as_at=st.one_of(hostile_date, hostile_text, st.sampled_from(["2023-10-31", "2024-02-29"])))
@example(as_at="9999-12-31")
@example(as_at="0001-01-01")
def test_starting_a_report_never_fails(client, approver, as_at):
    client.force_login(approver)
    before = snapshot()
    response = client.post("/staff/reports/", {"as_at": as_at})
    assert_never_500(response, "start a report")
    if response.status_code == 302:
        # The report, and its history (who started it).
        assert changed_tables(before, snapshot()) == {
            "reports_progressreport",
            "reports_historicalprogressreport",
        }
        ProgressReport.objects.filter(status=ProgressReport.Status.DRAFT).delete()
    else:
        assert response.status_code == 400
        assert shows_a_message(response)
        assert_nothing_changed(before, snapshot(), "a refused report date")


@WALK
@given(
    segment=st.one_of(hostile_text, st.integers(min_value=-(10**30), max_value=10**30).map(str))
)
def test_report_pages_take_any_address(client, approver, segment):
    client.force_login(approver)
    before = snapshot()
    quoted = quote(segment, safe="")
    for url in (f"/staff/reports/{quoted}/", f"/reports/{quoted}/", f"/reports/{quoted}.pdf"):
        assert_never_500(client.get(url), url)
    response = client.post(f"/staff/reports/{quoted}/publish/")
    assert_never_500(response, "publish")
    response = client.post(f"/staff/reports/{quoted}/withdraw/", {"step": "request"})
    assert_never_500(response, "withdraw")
    assert_nothing_changed(before, snapshot(), "report pages")


def test_publishing_a_published_report_changes_nothing(client, approver):
    client.force_login(approver)
    report = ProgressReport.objects.published().get()
    before = snapshot()
    response = client.post(f"/staff/reports/{report.pk}/publish/", follow=True)
    assert "already published" in response.content.decode()
    assert_nothing_changed(before, snapshot(), "publishing twice")


@HOSTILE
@given(
    step=st.one_of(hostile_text, st.sampled_from(["request", "confirm", "cancel"])),
    reason=hostile_text,
)
def test_withdrawing_never_fails(client, approver, step, reason):
    """Any step and any reason: a message, never a 500; a report withdrawn only
    by a second approver's confirmation, which one person's posts never give."""
    client.force_login(approver)
    report = ProgressReport.objects.published().get()
    response = client.post(
        f"/staff/reports/{report.pk}/withdraw/", {"step": step, "reason": reason}
    )
    assert_never_500(response, "withdraw a report")
    if response.status_code == 400:
        assert shows_a_message(response)
    report.refresh_from_db()
    assert report.is_published
    assert report.content is not None
