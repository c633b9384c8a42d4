"""Emails to subscribers when an update becomes public: once each, never twice."""

import io
from collections import Counter
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sendprogress.updates import sending, tasks
from sendprogress.updates.models import Delivery, Post
from tests.factories import make_finding, make_post

from .helpers import make_subscriber

pytestmark = pytest.mark.django_db


def _recipients():
    return Counter(address for message in mail.outbox for address in message.to)


def _dispatch_and_send():
    """What the dispatcher and worker do, run in this thread."""
    for post_id in sending.queue_due_posts() + sending.stalled_posts():
        sending.send_post_emails(post_id=post_id)


def test_each_confirmed_subscriber_for_the_area_gets_one_email():
    ours, theirs = make_finding(), make_finding()
    make_subscriber("one@example.org", findings=[ours])
    make_subscriber("two@example.org", findings=[ours, theirs])
    make_subscriber("other@example.org", findings=[theirs])
    make_subscriber("unconfirmed@example.org", findings=[ours], confirmed=False)
    make_post(findings=[ours], title="About ours", published_at=timezone.now())

    _dispatch_and_send()
    _dispatch_and_send()  # the dispatcher runs again and again; nothing more goes

    assert _recipients() == {"one@example.org": 1, "two@example.org": 1}
    assert mail.outbox[0].subject == "About ours"


def test_a_post_about_the_whole_plan_goes_to_everyone_confirmed():
    make_subscriber("one@example.org", findings=[make_finding()])
    make_subscriber("two@example.org", findings=[make_finding()])
    make_post(published_at=timezone.now())
    _dispatch_and_send()
    assert _recipients() == {"one@example.org": 1, "two@example.org": 1}


def test_drafts_and_scheduled_posts_are_never_emailed():
    make_subscriber("one@example.org")
    make_post(status=Post.Status.DRAFT)
    make_post(published_at=timezone.now() + timedelta(minutes=5))
    _dispatch_and_send()
    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_someone_who_signs_up_later_does_not_get_old_posts():
    make_post(published_at=timezone.now() - timedelta(days=2))
    make_subscriber("new@example.org", confirmed_at=timezone.now())
    _dispatch_and_send()
    assert mail.outbox == []


def test_a_scheduled_post_is_emailed_when_its_time_comes_and_only_then():
    at = datetime(2030, 5, 1, 8, 0, tzinfo=UTC)
    with time_machine.travel(at - timedelta(days=1), tick=False):
        make_subscriber("one@example.org", confirmed_at=timezone.now())
        make_post(published_at=at, title="Scheduled news")
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        _dispatch_and_send()
        assert mail.outbox == []
    with time_machine.travel(at + timedelta(seconds=30), tick=False):
        _dispatch_and_send()
        _dispatch_and_send()
    assert _recipients() == {"one@example.org": 1}


def test_the_email_links_to_the_post_and_carries_unsubscribe_headers(settings):
    settings.SITE_URL = "https://send.example.org"
    subscriber = make_subscriber("one@example.org")
    post = make_post(published_at=timezone.now(), summary="What changed this month.")
    _dispatch_and_send()
    message = mail.outbox[0]
    assert f"https://send.example.org{post.get_absolute_url()}" in message.body
    assert "What changed this month." in message.body
    unsubscribe = f"https://send.example.org{subscriber.get_unsubscribe_url()}"
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"https://send.example.org{subscriber.get_choices_url()}" in message.body


def test_a_post_and_subscriber_can_only_have_one_delivery():
    subscriber = make_subscriber("one@example.org")
    post = make_post()
    Delivery.objects.create(post=post, subscriber=subscriber)
    with pytest.raises(IntegrityError):
        Delivery.objects.create(post=post, subscriber=subscriber)


def test_a_worker_stopped_mid_run_leaves_no_one_emailed_twice():
    for n in range(4):
        make_subscriber(f"s{n}@example.org")
    post = make_post(published_at=timezone.now())
    sending.queue_due_posts()

    real_send = mail.EmailMessage.send
    sent = 0

    def send_then_die(message, *args, **kwargs):
        nonlocal sent
        if sent == 2:
            raise KeyboardInterrupt  # the worker is stopped here
        sent += 1
        return real_send(message, *args, **kwargs)

    with (
        mock.patch.object(mail.EmailMessage, "send", send_then_die),
        pytest.raises(KeyboardInterrupt),
    ):
        sending.send_post_emails(post_id=post.pk)
    assert len(mail.outbox) == 2

    # The worker starts again and the send is picked up.
    later = timezone.now() + sending.STALLED_AFTER + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        _dispatch_and_send()
        _dispatch_and_send()

    counts = _recipients()
    assert all(count == 1 for count in counts.values())
    # The one being sent when the worker stopped is never retried (at most
    # once); everyone else got theirs.
    assert len(counts) == 3
    assert Delivery.objects.get(status=Delivery.Status.SENDING).subscriber.email not in counts


def test_a_failed_send_is_recorded_and_the_rest_still_go():
    make_subscriber("bad@example.org")
    make_subscriber("good@example.org")
    post = make_post(published_at=timezone.now())
    sending.queue_due_posts()
    real_send = mail.EmailMessage.send

    def flaky(message, *args, **kwargs):
        if message.to == ["bad@example.org"]:
            raise OSError("mail server said no")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", flaky):
        sending.send_post_emails(post_id=post.pk)
    assert _recipients() == {"good@example.org": 1}
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert "mail server said no" in failed.error


def test_publishing_now_in_the_admin_queues_the_dispatch(
    client, approver, django_capture_on_commit_callbacks
):
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/updates/post/add/",
            {
                "title": "Now",
                "slug": "now",
                "summary": "s",
                "body": "b",
                "author_name": "A",
                "author_role": "R",
                "status": "published",
                "published_at_0": "",
                "published_at_1": "",
            },
        )
    queued = DBTaskResult.objects.values_list("task_path", flat=True)
    assert list(queued) == ["sendprogress.updates.tasks.dispatch_due_posts"]


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_each_email_once():
    """The real thing: django-tasks-db's queue and its db_worker command."""
    finding = make_finding()
    make_subscriber("one@example.org", findings=[finding])
    make_subscriber("two@example.org", findings=[finding])
    make_post(findings=[finding], published_at=timezone.now())

    tasks.dispatch_due_posts.enqueue()
    tasks.dispatch_due_posts.enqueue()  # twice: e.g. publish-now and the dispatcher
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert _recipients() == {"one@example.org": 1, "two@example.org": 1}


@pytest.mark.django_db(transaction=True)
def test_run_dispatcher_once_queues_due_posts_for_the_worker():
    make_subscriber("one@example.org")
    make_post(published_at=timezone.now())
    out = io.StringIO()
    call_command("run_dispatcher", "--once", stdout=out)
    assert "Queued emails for 1 update" in out.getvalue()
    assert mail.outbox == []  # the dispatcher decides; the worker sends
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert _recipients() == {"one@example.org": 1}
