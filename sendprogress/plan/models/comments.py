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
