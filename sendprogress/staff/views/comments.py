"""Internal comments on a figure, between the officer and the approver."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendprogress.accounts.permissions import StaffAction
from sendprogress.plan.measures import services
from sendprogress.plan.models import Figure

from ..forms import CommentForm, DecisionForm
from .due import render_review


@login_required
@permission_required(StaffAction.COMMENT_ON_FIGURE.permission, raise_exception=True)
@require_POST
def comment_on_figure(request, pk):
    figure = get_object_or_404(
        Figure.objects.select_related("measure", "submitted_by", "entered_by"), pk=pk
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(figure=figure, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error.message_dict.get("text", error.messages))
        else:
            messages.success(request, "Your comment was added. Only staff can see it.")
            if request.htmx:
                return _comments(request, figure, CommentForm(), "comments-added")
            return redirect(reverse("staff:review_figure", args=[pk]) + "#comments")
    if request.htmx:
        return _comments(request, figure, form, "comments")
    decision = DecisionForm(initial={"version": figure.version}, prefix=f"decide-{pk}")
    return render_review(request, figure, decision, comment_form=form)


def _comments(request, figure, form, partial):
    """The figure page's comments, for htmx to swap in place."""
    context = {"figure": figure, "comments": figure.comments.select_related("author")}
    return render(request, f"staff/figure_review.html#{partial}", context | {"comment_form": form})
