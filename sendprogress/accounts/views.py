"""The refusal page (handler403): what went wrong, what the person's role can
do instead, and where to go."""

from __future__ import annotations

from django.shortcuts import render

from .permissions import is_staff, what_they_can_do


def permission_denied(request, exception=None):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    roles = []
    if signed_in:
        roles = sorted(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            roles.insert(0, "Administrator")
    context = {
        # Our refusals say which action was refused and who may do it.
        "refusal": str(exception or ""),
        "signed_in": signed_in,
        "is_staff": is_staff(user),
        "roles": roles,
        "can_do": what_they_can_do(user),
    }
    return render(request, "403.html", context, status=403)
