"""What families tell us about the site's pages, and what we did about it.

Feedback is never public: staff read it, and it is deleted after
FEEDBACK_RETENTION_DAYS. A "You said, we did" entry is written by staff in
their own words and is public only once an approver publishes it.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendprogress.core import publishing
from sendprogress.core.model_fields import staff_member


class YouSaidWeDidQuerySet(models.QuerySet):
    def published(self) -> YouSaidWeDidQuerySet:
        return self.filter(publishing.published())

    def for_finding(self, finding) -> YouSaidWeDidQuerySet:
        return self.filter(findings=finding)


class YouSaidWeDid(models.Model):
    """One thing families told us and what we did about it, in staff's words."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = publishing.PUBLISHED, "Published"

    you_said = models.TextField(
        max_length=1000,
        help_text="What families said, summed up in plain words. Never quote anyone "
        "in a way that could identify them or their child.",
    )
    we_did = models.TextField(max_length=1000, help_text="What we did about it")
    done_on = models.DateField(help_text="When we did it")
    findings = models.ManyToManyField("plan.Finding", blank=True, related_name="you_said_we_did")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = staff_member()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = YouSaidWeDidQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-done_on", "-pk"]
        verbose_name = "“You said, we did” entry"
        verbose_name_plural = "“You said, we did” entries"
        permissions = [("publish_yousaidwedid", "Can publish “You said, we did” entries")]

    def __str__(self) -> str:
        return self.you_said[:80]

    def get_absolute_url(self) -> str:
        return reverse("engagement:you_said_we_did") + f"#entry-{self.pk}"

    @property
    def is_public(self) -> bool:
        return publishing.is_published(self)


class FeedbackQuerySet(models.QuerySet):
    def older_than(self, moment) -> FeedbackQuerySet:
        return self.filter(created_at__lt=moment)


class Feedback(models.Model):
    """One visitor's answer to "Is this page useful?". Never public."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        READ = "read", "Read"
        RESPONDED = "responded", "Answered in “You said, we did”"
        NOT_ACTIONABLE = "not-actionable", "Not actionable"

    page = models.CharField(max_length=200, help_text="The address the feedback was left on")
    finding = models.ForeignKey(
        "plan.Finding", null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    useful = models.BooleanField()
    comment = models.TextField(
        blank=True, max_length=1200, help_text="Email addresses and phone numbers are masked"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    response = models.ForeignKey(
        YouSaidWeDid, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self) -> str:
        return f"{'Yes' if self.useful else 'No'} on {self.page}"


class SearchSynonym(models.Model):
    """A word families use and another the site uses for the same thing.

    Staff keep the list (accounts.permissions.StaffAction.KEEP_SYNONYMS), so
    that "ASD" finds pages about autism and "EHCP late" finds the 20-week
    measure. It changes only what a search looks for, never what may be found.
    """

    term = models.CharField(
        max_length=60, help_text="What someone might search for, e.g. ASD or EHCP late"
    )
    also_means = models.CharField(
        max_length=120, help_text="What else to search for when they do, e.g. autism"
    )
    both_ways = models.BooleanField(
        default=True,
        help_text="Also search for the term when someone searches for what it means "
        "(untick if the meaning is wider, e.g. 'late' means 'timeliness', but "
        "'timeliness' should not find 'late').",
    )

    class Meta:
        ordering = ["term", "also_means"]
        constraints = [
            models.UniqueConstraint(fields=["term", "also_means"], name="unique_search_synonym")
        ]

    def __str__(self) -> str:
        arrow = "↔" if self.both_ways else "→"
        return f"{self.term} {arrow} {self.also_means}"
