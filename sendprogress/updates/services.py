"""Writes for updates: publishing rules, subscriptions and sending emails.

Each function is keyword-only and does its work in one transaction, so a
half-done change is never left behind.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sendprogress.accounts.permissions import StaffAction, require

from . import emails
from .models import Delivery, Post, Subscriber

logger = logging.getLogger(__name__)

# A send that has shown no sign of life for this long is taken to have been
# interrupted (the worker stopped); its pending emails are queued again.
STALLED_AFTER = timedelta(minutes=5)
# Signing the same address up again within this time sends no second email.
RESEND_AFTER = timedelta(minutes=10)


# Publishing -----------------------------------------------------------------


def publishing_changes(*, before: Post | None, after: Post) -> bool:
    """Whether saving `after` over `before` publishes, schedules, reschedules
    or withdraws it: every change to what the public sees, and when."""
    was_published = before is not None and before.status == Post.Status.PUBLISHED
    if after.status != Post.Status.PUBLISHED:
        return was_published
    if not was_published:
        return True
    return before.published_at != after.published_at


def _set_dates(*, post: Post, before: Post | None, substantial_change: bool = False) -> None:
    """Publishing with no time means now. A post already public keeps its
    original date; a substantial change records when, for "Updated on …"."""
    if post.status == Post.Status.PUBLISHED and post.published_at is None:
        post.published_at = timezone.now()
    if before is not None and before.is_public and post.status == Post.Status.PUBLISHED:
        post.published_at = before.published_at
        if substantial_change:
            post.revised_at = timezone.now()


def check_can_save(*, post: Post, by) -> None:
    """Refuse, with PermissionDenied, a save that publishes without the right.

    Only approvers publish, schedule or withdraw. Anyone who may edit can
    still save a draft, or fix a typo in a post that is already out. The
    editor asks this before saving, to put the refusal on the form.
    """
    before = Post.objects.filter(pk=post.pk).first() if post.pk else None
    after = Post(status=post.status, published_at=post.published_at)
    _set_dates(post=after, before=before)
    if publishing_changes(before=before, after=after):
        require(by, StaffAction.PUBLISH_POST)


@transaction.atomic
def save_post(*, post: Post, by, substantial_change: bool = False) -> Post:
    """Save a post from the editor, applying the publishing rules (above)."""
    check_can_save(post=post, by=by)
    before = Post.objects.filter(pk=post.pk).first() if post.pk else None
    _set_dates(post=post, before=before, substantial_change=substantial_change)
    if post.created_by_id is None and by is not None and by.pk:
        post.created_by = by
    post.save()
    if post.is_public and post.emails_queued_at is None:
        # Published now: send without waiting for the dispatcher's next look.
        transaction.on_commit(_enqueue_dispatch)
    return post


@transaction.atomic
def publish_post(*, post: Post, by, at=None) -> Post:
    """Publish now (or schedule, if `at` is in the future). Approvers only."""
    post.status = Post.Status.PUBLISHED
    post.published_at = at or post.published_at or timezone.now()
    return save_post(post=post, by=by)


def _enqueue_dispatch() -> None:
    from .tasks import dispatch_due_posts

    dispatch_due_posts.enqueue()


# Subscriptions ----------------------------------------------------------------


def subscribe(*, email: str, areas) -> None:
    """Ask for email updates. Says nothing about whether the address was known.

    A new or unconfirmed address gets a confirmation email (with the areas
    as chosen now). An address already confirmed gets a note saying so, with
    its unsubscribe link, so that nobody can change someone else's choices
    and the page never reveals who is subscribed.
    """
    email = email.strip().lower()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email)
            except IntegrityError:
                # Someone signed the same address up at the same moment.
                subscriber = Subscriber.objects.get(email=email)
        if subscriber.confirmed_at is None:
            subscriber.areas.set(areas)
            message = emails.confirmation(subscriber)
        else:
            message = emails.already_subscribed(subscriber)
        now = timezone.now()
        if subscriber.last_emailed_at and now - subscriber.last_emailed_at < RESEND_AFTER:
            # The form must not become a way to flood someone's inbox.
            return
        subscriber.last_emailed_at = now
        subscriber.save(update_fields=["last_emailed_at"])
    message.send()


def confirm(*, token: str) -> Subscriber | None:
    """Confirm an address. Doing it twice changes nothing."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().with_token(token).first()
        if subscriber is not None and subscriber.confirmed_at is None:
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def unsubscribe(*, token: str) -> None:
    """Forget the address and its choices. An unknown token is not an error:
    it has already been done."""
    Subscriber.objects.with_token(token).delete()


def delete_unconfirmed(*, now=None) -> int:
    """Delete addresses never confirmed within the allowed days."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.UPDATES_UNCONFIRMED_DAYS)
    deleted, _ = Subscriber.objects.unconfirmed_since(cutoff).delete()
    return deleted


# Sending ----------------------------------------------------------------------


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
