"""Dated progress reports: a draft is worked out afresh; a published one is frozen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class ProgressReportQuerySet(models.QuerySet):
    def published(self) -> ProgressReportQuerySet:
        """The only reports that are ever public."""
        return self.filter(status=ProgressReport.Status.PUBLISHED)


class ProgressReport(models.Model):
    """Where the plan stood on one date, for boards, scrutiny and the DfE / NHS England.

    Once published, `content` (the figures as they stood on `as_at`) and `pdf`
    never change: a figure corrected later leaves the report as it was.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

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

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["-as_at"]
        permissions = [("publish_progressreport", "Can publish a progress report")]

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
