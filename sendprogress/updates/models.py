from __future__ import annotations

import re
import secrets
import uuid

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendprogress.core import publishing
from sendprogress.core.model_fields import staff_member
from sendprogress.email_headers import SingleLineValidator

from .images import EXTENSIONS
from .markdown import render_markdown


class PostQuerySet(models.QuerySet):
    def published(self, *, now=None) -> PostQuerySet:
        """Posts the public may see: published, and whose publish time has come.

        A post scheduled for later is published by the passing of time alone,
        with no job needing to run first.
        """
        return self.filter(publishing.published(now))

    def for_finding(self, finding) -> PostQuerySet:
        return self.filter(findings=finding)

    def with_email_counts(self) -> PostQuerySet:
        """Each post with how many of its emails were sent and how many failed."""
        return self.annotate(
            emails_sent=models.Count(
                "deliveries", filter=models.Q(deliveries__status=Delivery.Status.SENT)
            ),
            emails_failed=models.Count(
                "deliveries", filter=models.Q(deliveries__status=Delivery.Status.FAILED)
            ),
        )


def updated_date(published_at, revised_at):
    """When a post published at `published_at` last changed in substance:
    `revised_at` if it is later, else None (read by lists of plain values too)."""
    if revised_at and published_at and revised_at > published_at:
        return revised_at
    return None


class Post(models.Model):
    """An update from the Assistant Director to families."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = publishing.PUBLISHED, "Published (or scheduled, if the time is in the future)"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(
        max_length=300, help_text="One or two sentences for lists and feeds"
    )
    body = models.TextField(help_text="Markdown")
    author_name = models.CharField(max_length=120, help_text="The author's public name")
    author_role = models.CharField(max_length=120, help_text="e.g. Assistant Director of SEND")
    findings = models.ManyToManyField("plan.Finding", blank=True, related_name="posts")
    measures = models.ManyToManyField("plan.Measure", blank=True, related_name="posts")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it goes public; a future time schedules it"
    )
    revised_at = models.DateTimeField(
        null=True, blank=True, help_text="When it last changed in substance, if it has"
    )
    emails_queued_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When its emails to subscribers were queued; set once, so never sent twice",
    )
    created_by = staff_member()
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

    def get_preview_url(self) -> str:
        return reverse("updates:post_preview", args=[self.pk])

    @property
    def body_html(self):
        return render_markdown(self.body)

    @property
    def updated_date(self):
        """When to say "Updated on …": only after a substantial change."""
        return updated_date(self.published_at, self.revised_at)

    @property
    def is_public(self) -> bool:
        return publishing.is_published(self)

    @property
    def state_label(self) -> str:
        if self.status == self.Status.DRAFT:
            return "Draft"
        if self.published_at and self.published_at > timezone.now():
            return "Scheduled"
        return "Published"


def image_upload_to(instance: PostImage, filename: str) -> str:
    """A name the server makes up, with the extension of the type it really is:
    the uploader's file name is never used on disk."""
    return f"update-images/{uuid.uuid4().hex}{EXTENSIONS.get(instance.content_type, '')}"


ALT_TEXT_MAX_LENGTH = 250


class PostImageQuerySet(models.QuerySet):
    def public(self, *, now=None) -> PostImageQuerySet:
        """Images the public may fetch: those of posts the public may read."""
        return self.filter(post__in=Post.objects.published(now=now))


class PostImage(models.Model):
    """A picture uploaded for one update, shown where its Markdown puts it.

    Served only through the updates' image address (views/images.py), never
    straight from MEDIA_ROOT, so that a draft's pictures stay private.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=image_upload_to, max_length=200)
    content_type = models.CharField(
        max_length=20, editable=False, help_text="What the file really is, found from its bytes"
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    alt_text = models.CharField(
        max_length=ALT_TEXT_MAX_LENGTH,
        help_text="What the picture shows, for people who cannot see it",
        validators=[SingleLineValidator("Write the alt text on one line, without line breaks.")],
    )
    uploaded_by = staff_member()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PostImageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse("updates:post_image", args=[self.pk])

    @property
    def markdown(self) -> str:
        """What to paste into the update to show the picture there."""
        alt = re.sub(r"[\\\[\]]", "", self.alt_text)
        return f"![{alt}]({self.get_absolute_url()})"

    @property
    def filename(self) -> str:
        """A safe name for a reader who saves it: never the uploader's."""
        return f"update-image-{self.pk}{EXTENSIONS.get(self.content_type, '')}"


@receiver(post_delete, sender=PostImage)
def delete_image_file(sender, instance: PostImage, **kwargs) -> None:
    """However a picture goes (removed in the editor, or with its update in the
    admin), its file goes too, once the deletion is committed."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


def new_token() -> str:
    return secrets.token_urlsafe(32)


# What new_token() makes; anything else in a link cannot be a token.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class SubscriberQuerySet(models.QuerySet):
    def with_token(self, token: str) -> SubscriberQuerySet:
        """The subscriber a link's token belongs to, if any.

        A token that could not be one finds nobody without asking the database:
        a mangled link with a NUL byte in it would make PostgreSQL refuse the query.
        """
        if not TOKEN_SHAPE.fullmatch(token):
            return self.none()
        return self.filter(token=token)

    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, moment) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)

    def for_findings(self, findings) -> SubscriberQuerySet:
        """Confirmed subscribers an update about these findings (none: the whole plan) reaches."""
        subscribers = self.confirmed()
        finding_ids = [f.pk for f in findings]
        if finding_ids:
            subscribers = subscribers.filter(
                models.Q(all_findings=True) | models.Q(findings__in=finding_ids)
            ).distinct()
        return subscribers

    def for_post(self, post: Post) -> SubscriberQuerySet:
        """Confirmed subscribers who should get this post by email.

        A post about no finding in particular goes to everyone. Someone who
        confirmed after the post went public does not get it: they signed up
        for what comes next, not for a back catalogue.
        """
        subscribers = self.confirmed().filter(confirmed_at__lte=post.published_at)
        finding_ids = list(post.findings.values_list("pk", flat=True))
        if finding_ids:
            subscribers = subscribers.filter(
                models.Q(all_findings=True) | models.Q(findings__in=finding_ids)
            ).distinct()
        return subscribers


class Subscriber(models.Model):
    """Someone who asked for updates by email. Kept only while they want them."""

    email = models.EmailField(unique=True)
    findings = models.ManyToManyField("plan.Finding", related_name="subscribers")
    # Every finding, including any added later: not the same as ticking each one today.
    all_findings = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sign-up form last sent this address an email"
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    def get_confirm_url(self) -> str:
        return reverse("email_updates:confirm", args=[self.token])

    def get_choices_url(self) -> str:
        return reverse("email_updates:choices", args=[self.token])

    def get_unsubscribe_url(self) -> str:
        return reverse("email_updates:unsubscribe", args=[self.token])


class Delivery(models.Model):
    """One post's email to one subscriber.

    The unique pair is what makes "exactly once" hold: a delivery is claimed
    (pending -> sending) by a conditional update before the email goes, and
    marked sent after. A worker stopped mid-run leaves the rest pending for
    the next run; one stopped between claiming and sending leaves that single
    row "sending", which is never retried (at most once beats twice).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Being sent (or interrupted while sending)"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["post", "subscriber"], name="one_email_per_post")
        ]
        indexes = [models.Index(fields=["post", "status"])]

    def __str__(self) -> str:
        return f"{self.post} to {self.subscriber}"
