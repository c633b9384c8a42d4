import re
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from sendprogress.updates.models import Subscriber


def make_subscriber(email, *, findings=(), confirmed=True, confirmed_at=None) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=email,
        confirmed_at=(confirmed_at or timezone.now() - timezone.timedelta(days=30))
        if confirmed
        else None,
    )
    subscriber.findings.set(findings)
    return subscriber


def sign_up(client, email, findings, **extra):
    """Post the sign-up form as a browser would, queueing what the request queues
    (the test's transaction never commits, so its on-commit work is run here)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/email-updates/", {"email": email, "findings": findings}, **extra)


def run_worker() -> None:
    """What `manage.py db_worker` does in production: run every queued task.

    The worker drops database connections it finds inside a transaction; in a
    test that is the test's own transaction (PostgreSQL then has no connection
    left), so that one step is skipped here.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


# The feedback form's signed time of showing changes every second, for everyone.
FEEDBACK_STARTED = re.compile(rb'name="started" value="[^"]*"')


def same_for_everyone(content: bytes) -> bytes:
    """A page as every visitor sees it, without the feedback form's time of showing."""
    return FEEDBACK_STARTED.sub(b"", content)
