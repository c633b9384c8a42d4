"""Writes for updates: publishing rules and subscriptions (sending is in sending.py).

Each function is keyword-only and does its work in one transaction, so a
half-done change is never left behind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from sendprogress.accounts.models import User
from sendprogress.accounts.permissions import StaffAction, require
from sendprogress.plan.models import Finding

from . import limits, sending, tasks
from .images import validate_update_image, without_metadata
from .models import Post, PostImage, Subscriber

logger = logging.getLogger(__name__)


# Publishing -----------------------------------------------------------------


def publishing_changes(*, before: Post | None, after: Post) -> bool:
    """Whether saving `after` over `before` publishes, schedules, reschedules
    or withdraws it: every change to what the public sees, and when."""
    was_published = before is not None and before.status == Post.Status.PUBLISHED
    if after.status != Post.Status.PUBLISHED:
        return was_published
    if before is None or not was_published:
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


def check_can_save(*, post: Post, by: User | None) -> None:
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
def save_post(*, post: Post, by: User | None, substantial_change: bool = False) -> Post:
    """Save a post from the editor, applying the publishing rules (above)."""
    check_can_save(post=post, by=by)
    before = Post.objects.filter(pk=post.pk).first() if post.pk else None
    _set_dates(post=post, before=before, substantial_change=substantial_change)
    if post.created_by_id is None and by is not None and by.pk:
        post.created_by = by
    post.save()
    if post.is_public and post.emails_queued_at is None:
        # Published now: send without waiting for the dispatcher's next look.
        transaction.on_commit(tasks.dispatch_due_posts.enqueue)
    return post


@transaction.atomic
def publish_post(*, post: Post, by: User | None, at: datetime | None = None) -> Post:
    """Publish now (or schedule, if `at` is in the future). Approvers only."""
    post.status = Post.Status.PUBLISHED
    post.published_at = at or post.published_at or timezone.now()
    return save_post(post=post, by=by)


# Images -----------------------------------------------------------------------


@transaction.atomic
def add_post_image(
    *, post: Post, upload: UploadedFile[bytes], alt_text: str, by: User
) -> PostImage:
    """Keep a checked picture for a post, saved again without its metadata (see
    images.py). Whoever may write updates may add one: it shows nowhere until
    the post's Markdown uses it and the post is public.

    Raises ValidationError (for the form) if the file is not a real picture.
    """
    require(by, StaffAction.WRITE_POST)
    checked = validate_update_image(upload)
    picture, width, height = without_metadata(upload, checked)
    image = PostImage(
        post=post,
        alt_text=alt_text,
        content_type=checked.content_type,
        width=width,
        height=height,
        uploaded_by=by,
    )
    image.full_clean(exclude=["file"])
    image.file.save("upload", picture, save=False)
    image.save()
    return image


@transaction.atomic
def remove_post_image(*, image: PostImage, by: User) -> None:
    """Delete the picture (its file goes too: see models.delete_image_file).
    The post's Markdown is the author's to change."""
    require(by, StaffAction.WRITE_POST)
    image.delete()


# Subscriptions ----------------------------------------------------------------


def subscribe(
    *,
    email: str,
    findings: Iterable[Finding],
    client_address: str | None,
    all_findings: bool = False,
) -> None:
    """Ask for email updates. Says nothing about whether the address was known,
    nor whether a limit was reached: the caller shows the same page whatever.

    A new or unconfirmed address gets a confirmation email (with the findings
    as chosen now). An address already confirmed gets a note saying so, with
    its unsubscribe link, so that nobody can change someone else's choices
    and the page never reveals who is subscribed. The email is sent by the
    task worker, never inside the request, and only within the limits
    (limits.py) so that the form cannot flood anyone's inbox.
    """
    email = email.strip().lower()
    if not limits.client_may_sign_up(client_address):
        logger.warning("Sign-up refused: too many from one client address")
        return
    if limits.mailbox_is_full(email):
        return
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
            _choose(subscriber, all_findings=all_findings, findings=findings)
        emailed = subscriber.last_emailed_at
        if emailed and timezone.now() - emailed < sending.RESEND_AFTER:
            return  # it was sent moments ago; do not queue another
        transaction.on_commit(partial(tasks.send_sign_up_email.enqueue, subscriber.pk))


def confirm(*, token: str) -> Subscriber | None:
    """Confirm an address. Doing it twice changes nothing."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().with_token(token).first()
        if subscriber is not None and subscriber.confirmed_at is None:
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def _choose(subscriber: Subscriber, *, all_findings: bool, findings: Iterable[Finding]) -> None:
    subscriber.all_findings = all_findings
    subscriber.save(update_fields=["all_findings"])
    subscriber.findings.set([] if all_findings else findings)


@transaction.atomic
def change_choices(
    *, token: str, all_findings: bool, findings: Iterable[Finding]
) -> Subscriber | None:
    """Change which findings an address gets updates about, from the link in its emails.

    The link's token is the only key, as for unsubscribing. None if it is unknown.
    """
    subscriber = Subscriber.objects.select_for_update().with_token(token).first()
    if subscriber is not None:
        _choose(subscriber, all_findings=all_findings, findings=findings)
    return subscriber


def unsubscribe(*, token: str) -> None:
    """Forget the address and its choices. An unknown token is not an error:
    it has already been done."""
    Subscriber.objects.with_token(token).delete()


def delete_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete addresses never confirmed within the allowed days."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.UPDATES_UNCONFIRMED_DAYS)
    deleted, _ = Subscriber.objects.unconfirmed_since(cutoff).delete()
    return deleted
