"""Sending email: the sign-up form's emails, and a post's emails (queueing
one delivery per subscriber, claiming each so no two workers send it, and
recording the result).

Called by the task worker (`tasks.py`), never inside a request.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import emails, limits
from .models import Delivery, Post, Subscriber

logger = logging.getLogger(__name__)

# A send that has shown no sign of life for this long is taken to have been
# interrupted (the worker stopped); its pending emails are queued again.
STALLED_AFTER = timedelta(minutes=5)
# Signing the same address up again within this time sends no second email.
RESEND_AFTER = timedelta(minutes=10)


def send_sign_up_email(*, subscriber_id: int) -> bool:
    """Send the email a sign-up asked for, unless it would be one too many.

    A new or unconfirmed address gets a confirmation link; a confirmed one a
    note saying it already gets updates. "Last emailed" is saved only once
    the email has gone, so after a mail failure the next sign-up tries again.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False  # unsubscribed or tidied away since
    now = timezone.now()
    if subscriber.last_emailed_at and now - subscriber.last_emailed_at < RESEND_AFTER:
        return False  # the same address signed up twice in a row: one email
    if not limits.take_mailbox_email(subscriber.email):
        logger.warning("Sign-up email not sent: mailbox limit reached (%s)", subscriber.pk)
        return False
    if subscriber.confirmed_at is None:
        message = emails.confirmation(subscriber)
    else:
        message = emails.already_subscribed(subscriber)
    try:
        message.send()
    except Exception:  # any mail failure: nothing recorded, so a new sign-up retries
        logger.exception("Could not send the sign-up email to subscriber %s", subscriber.pk)
        limits.give_back_mailbox_email(subscriber.email)
        return False
    Subscriber.objects.filter(pk=subscriber.pk).update(last_emailed_at=now)
    return True


def queue_due_posts(*, now=None) -> list[int]:
    """Make the deliveries for every public post not yet queued, once.

    Returns the ids of the posts whose emails were queued; the caller starts
    a send for each. Safe to run from several places at once: each post is
    taken under a row lock and marked in the same transaction.
    """
    now = now or timezone.now()
    queued = []
    due = Post.objects.published(now=now).filter(emails_queued_at__isnull=True)
    for post_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            post = (
                Post.objects.select_for_update()
                .filter(pk=post_id, emails_queued_at__isnull=True)
                .first()
            )
            if post is None:
                continue
            Delivery.objects.bulk_create(
                [Delivery(post=post, subscriber=s) for s in Subscriber.objects.for_post(post)],
                ignore_conflicts=True,
            )
            post.emails_queued_at = now
            post.save(update_fields=["emails_queued_at"])
        queued.append(post_id)
    return queued


def stalled_posts(*, now=None) -> list[int]:
    """Posts with emails still waiting and no send seen lately (a worker
    stopped mid-run). Marks them as seen now, so each is picked up once."""
    now = now or timezone.now()
    cutoff = now - STALLED_AFTER
    stalled = []
    post_ids = (
        Delivery.objects.filter(status=Delivery.Status.PENDING)
        .values_list("post_id", flat=True)
        .distinct()
    )
    for post_id in list(post_ids):
        recent = Delivery.objects.filter(post_id=post_id, claimed_at__gte=cutoff).exists()
        if recent:
            continue
        if Post.objects.filter(pk=post_id, emails_queued_at__lt=cutoff).update(
            emails_queued_at=now
        ):
            stalled.append(post_id)
    return stalled


def claim_next_delivery(*, post_id: int) -> Delivery | None:
    """Take the next waiting email for this post, so no one else sends it.

    The claim is a conditional update (pending -> sending) that only one
    process can win, on SQLite and PostgreSQL alike.
    """
    while True:
        candidate = (
            Delivery.objects.filter(post_id=post_id, status=Delivery.Status.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if candidate is None:
            return None
        won = Delivery.objects.filter(pk=candidate, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now()
        )
        if won:
            # None only if the subscriber left in between (their rows went with them).
            delivery = Delivery.objects.select_related("post", "subscriber").filter(pk=candidate)
            if (found := delivery.first()) is not None:
                return found


def send_delivery(*, delivery: Delivery) -> bool:
    """Send one claimed email and record the result. Never sends it twice."""
    try:
        emails.post_published(delivery.post, delivery.subscriber).send()
    except Exception as error:  # any mail failure: record it, go on with the rest
        logger.exception("Could not send %s", delivery)
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED, error=str(error)[:1000]
        )
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    return True


def send_post_emails(*, post_id: int) -> int:
    """Send every waiting email for a post; returns how many went."""
    sent = 0
    while (delivery := claim_next_delivery(post_id=post_id)) is not None:
        sent += send_delivery(delivery=delivery)
    return sent
