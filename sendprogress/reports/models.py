"""Dated progress reports: a draft is worked out afresh; a published one is frozen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ProgressReportQuerySet(models.QuerySet):
    def published(self) -> ProgressReportQuerySet:
        """The only reports whose content is ever public."""
        return self.filter(status=ProgressReport.Status.PUBLISHED)

    def with_address(self) -> ProgressReportQuerySet:
        """Reports with a public address: published, or withdrawn (which says so)."""
        return self.filter(
            status__in=[ProgressReport.Status.PUBLISHED, ProgressReport.Status.WITHDRAWN]
        )


class ProgressReport(models.Model):
    """Where the plan stood on one date, for boards, scrutiny and the DfE / NHS England.

    Once published, `content` (the figures as they stood on `as_at`) and `pdf`
    never change: a figure corrected later leaves the report as it was. A
    published report can be withdrawn by two approvers (one asks, with a
    reason; another confirms): its address stays and says why, and its
    content and PDF are erased.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    as_at = models.DateField(unique=True, help_text="The date the report describes")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    content = models.JSONField(null=True, blank=True, editable=False)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    publish_error = models.TextField(
        blank=True, editable=False, help_text="Why the last try to publish it failed"
    )
    withdrawal_reason = models.TextField(blank=True)
    withdrawal_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_requested_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ProgressReportQuerySet.as_manager()
    # Who did what and when (the audit trail); the frozen content and PDF are
    # kept once, on the report itself, not in every version.
    history = HistoricalRecords(excluded_fields=["content", "pdf"])

    class Meta:
        ordering = ["-as_at"]
        permissions = [
            ("publish_progressreport", "Can publish a progress report"),
            ("withdraw_progressreport", "Can withdraw a published progress report"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.as_at.isoformat()])

    @property
    def title(self) -> str:
        return f"Progress report, {self.as_at.day} {self.as_at:%B %Y}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def withdrawal_pending(self) -> bool:
        """Asked for by one approver, waiting for another to confirm."""
        return self.is_published and self.withdrawal_requested_at is not None
