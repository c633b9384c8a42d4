"""Writes for families' views: storing feedback, triage, and publishing
"You said, we did" entries (only approvers publish, as with updates)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sendprogress.accounts.models import User

from . import limits
from .models import Feedback, YouSaidWeDid
from .pages import Page

TRIAGE_PERMISSION = "engagement.change_feedback"
PUBLISH_PERMISSION = "engagement.publish_yousaidwedid"


class TooMuchFeedback(Exception):
    """This client has sent all the feedback it may this hour."""


def submit_feedback(
    *, page: Page, useful: bool, comment: str, client_address: str | None
) -> Feedback:
    """Store one visitor's feedback, unless their address has sent its share.

    Never touches anything public, so no cached page changes (caching's
    invalidation leaves this model out).
    """
    if not limits.client_may_send_feedback(client_address):
        raise TooMuchFeedback
    return Feedback.objects.create(
        page=page.path, finding=page.finding, useful=useful, comment=comment
    )


def triage(*, feedback: Feedback, status: str, response: YouSaidWeDid | None, by: User) -> None:
    if not by.has_perm(TRIAGE_PERMISSION):
        raise PermissionDenied("Only staff who triage feedback can mark it.")
    feedback.status = status
    feedback.response = response
    feedback.save(update_fields=["status", "response"])


def can_publish(user: User) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def save_entry(*, entry: YouSaidWeDid, by: User, creating: bool) -> YouSaidWeDid:
    """Save a "You said, we did" entry; only an approver may publish one or
    change one that is published."""
    before = None if creating else YouSaidWeDid.objects.select_for_update().get(pk=entry.pk)
    was_published = before is not None and before.status == YouSaidWeDid.Status.PUBLISHED
    publishing = entry.status == YouSaidWeDid.Status.PUBLISHED
    # Changing a published entry changes what the public reads, so that too
    # is for approvers only.
    if (was_published or publishing) and not can_publish(by):
        raise PermissionDenied(
            "Only an approver can publish, change or withdraw a published entry."
        )
    if publishing and not was_published:
        entry.published_at = timezone.now()
    if not publishing:
        entry.published_at = None
    if creating:
        entry.created_by = by
    entry.save()
    return entry


def delete_old_feedback(*, now: datetime.datetime | None = None) -> int:
    """Delete feedback older than FEEDBACK_RETENTION_DAYS; how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    deleted, _ = Feedback.objects.older_than(cutoff).delete()
    return deleted
