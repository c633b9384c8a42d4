"""Model fields several apps declare the same way."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def staff_member(**options: Any) -> models.ForeignKey[Any, Any]:
    """Who did a step (entered, approved, uploaded, wrote): a user account, left
    blank once that account is deleted so the record outlives it, and no
    reverse accessor on the user (`related_name="+"`).

    The same definition every time, so moving a field onto it changes no
    migration; `options` are the rest (verbose_name, help_text)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )
