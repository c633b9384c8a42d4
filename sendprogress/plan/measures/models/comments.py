from __future__ import annotations

from django.conf import settings
from django.db import models

from .measures import Figure


class FigureComment(models.Model):
    """A note between the officer and the approver about a figure. Never public:
    no public page, download or API reads this model."""

    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment on {self.figure} by {self.author or 'a former member of staff'}"


class Notification(models.Model):
    """An email about figures already sent to someone, so it is never sent twice.

    `key` names what it was about: the day, for a daily digest or reminder; the
    figure and its version, for a returned figure.
    """

    class Kind(models.TextChoices):
        SUBMITTED_DIGEST = "submitted", "Figures waiting for approval"
        RETURNED = "returned", "A figure was returned"
        REMINDER = "reminder", "Figures due soon or overdue"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="one_notification_each")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.key}) to {self.user}"
