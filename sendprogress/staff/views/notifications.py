"""Each person chooses, for themselves, whether they get emails about figures."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sendprogress.accounts.permissions import StaffAction


class NotificationsForm(forms.Form):
    wants_figure_emails = forms.BooleanField(
        label="Email me about figures",
        required=False,
        help_text=(
            "Approvers: figures waiting for approval, at most once a day. People who enter "
            "figures: a figure returned to you, figures due soon and overdue."
        ),
    )


@login_required
@permission_required(StaffAction.VIEW.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def notifications(request):
    user = request.user
    form = NotificationsForm(
        # Unticking the only box posts nothing but the CSRF token: still an answer.
        request.POST if request.method == "POST" else None,
        initial={"wants_figure_emails": user.wants_figure_emails},
    )
    if request.method == "POST" and form.is_valid():
        user.wants_figure_emails = form.cleaned_data["wants_figure_emails"]
        user.save(update_fields=["wants_figure_emails"])
        messages.success(
            request,
            "You will get emails about figures."
            if user.wants_figure_emails
            else "You will not get emails about figures.",
        )
        return redirect("staff:notifications")
    return render(request, "staff/notifications.html", {"form": form})
