from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class PostQuerySet(models.QuerySet):
    def published(self, *, now=None) -> PostQuerySet:
        """Posts the public may see: published, and whose publish time has come.

        A post scheduled for later is published by the passing of time alone,
        with no job needing to run first.
        """
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=now or timezone.now())


class Post(models.Model):
    """An update from the Assistant Director to families."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published (or scheduled, if the time is in the future)"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(
        max_length=300, help_text="One or two sentences for lists and feeds"
    )
    body = models.TextField(help_text="Markdown")
    author_name = models.CharField(max_length=120, help_text="The author's public name")
    author_role = models.CharField(max_length=120, help_text="e.g. Assistant Director of SEND")
    areas = models.ManyToManyField("plan.Area", blank=True, related_name="posts")
    kpis = models.ManyToManyField("plan.Kpi", blank=True, related_name="posts")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it goes public; a future time schedules it"
    )
    revised_at = models.DateTimeField(
        null=True, blank=True, help_text="When it last changed in substance, if it has"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        permissions = [("publish_post", "Can publish or schedule updates")]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("updates:post_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def state_label(self) -> str:
        if self.status == self.Status.DRAFT:
            return "Draft"
        if self.published_at and self.published_at > timezone.now():
            return "Scheduled"
        return "Published"
