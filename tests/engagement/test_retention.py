"""Feedback is deleted after the retention period (12 months unless set)."""

import io

import pytest
from django.core.management import call_command

from sendprogress.engagement.models import Feedback

from .factories import make_feedback

pytestmark = pytest.mark.django_db


def test_feedback_older_than_a_year_is_deleted_by_default(db):
    make_feedback(comment="Old", days_ago=366)
    make_feedback(comment="Recent", days_ago=364)
    call_command("delete_old_feedback", stdout=io.StringIO())
    assert list(Feedback.objects.values_list("comment", flat=True)) == ["Recent"]


def test_the_retention_period_can_be_set(db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    make_feedback(comment="Old", days_ago=31)
    make_feedback(comment="Recent", days_ago=29)
    out = io.StringIO()
    call_command("delete_old_feedback", stdout=out)
    assert list(Feedback.objects.values_list("comment", flat=True)) == ["Recent"]
    assert "Deleted 1 piece(s) of feedback" in out.getvalue()


def test_the_dispatcher_deletes_old_feedback_on_each_pass(db):
    make_feedback(comment="Old", days_ago=400)
    call_command("run_dispatcher", "--once", stdout=io.StringIO())
    assert not Feedback.objects.exists()


def test_the_privacy_notice_says_how_long_feedback_is_kept(client, db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 365
    html = client.get("/privacy/").content.decode()
    assert "we delete feedback 365 days after it is sent" in html
