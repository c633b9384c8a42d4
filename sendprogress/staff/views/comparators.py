"""Importing comparator series from an Explore education statistics data file.

Three steps: upload (the file is read row by row and only the chosen places'
rows are kept), preview (the staff member picks one value of each filter
column, such as the file's `breakdown`, and sees the values it gives), then
import, all or nothing. Like the figure import, only the checked values (never
the file) wait in the session between the steps, under a random token the
preview's form sends back.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sendprogress.accounts.permissions import StaffAction, require
from sendprogress.plan.comparators import dfe, services
from sendprogress.plan.models import Measure

from ..forms import ComparatorImportForm

SESSION_KEY = "staff_comparator_import"
TEMPLATE = "staff/comparator_import.html"


@login_required
@permission_required(StaffAction.IMPORT_COMPARATORS.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_comparators(request):
    require(request.user, StaffAction.IMPORT_COMPARATORS)
    form = ComparatorImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "max_mb": settings.COMPARATOR_IMPORT_MAX_MB}
    request.session.pop(SESSION_KEY, None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            preview = dfe.read_series(
                data["file"],
                measure=data["measure"],
                indicator=data["indicator"],
                geographies=data["geographies"],
                local_area_code=data["local_area_code"],
            )
        except dfe.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            token = secrets.token_urlsafe(16) if not preview.errors else ""
            if token:
                request.session[SESSION_KEY] = {
                    "token": token,
                    "measure": data["measure"].pk,
                    "source": data["source"],
                    "release": data["release"],
                    "released_on": data["released_on"] and data["released_on"].isoformat(),
                    "preview": preview.as_session(),
                }
            context |= _preview_context(preview, preview.default_choice, data["measure"], token)
    status = 400 if form.errors else 200
    return render(request, TEMPLATE, context, status=status)


def _preview_context(preview, choice, measure, token) -> dict:
    chosen = preview.chosen(choice)
    errors = preview.all_errors(choice)
    return {
        "preview": preview,
        "measure": measure,
        "token": token,
        "choice": choice or (),
        "filters": [
            (index, column, (choice or ())[index] if choice else column.default)
            for index, column in enumerate(preview.filters)
        ],
        "series": chosen["series"],
        "errors": errors,
        "can_import": bool(token and choice is not None and chosen["series"] and not errors),
    }


@login_required
@permission_required(StaffAction.IMPORT_COMPARATORS.permission, raise_exception=True)
@require_POST
def confirm_comparators(request):
    """Show the values for another choice of filters, or import the chosen one."""
    require(request.user, StaffAction.IMPORT_COMPARATORS)
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        request.session.pop(SESSION_KEY, None)
        messages.error(
            request, "That import has expired or was already done. Upload the file again."
        )
        return redirect("staff:import_comparators")
    measure = Measure.objects.filter(pk=pending["measure"]).first()
    if measure is None:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, "Nothing was imported: the measure no longer exists.")
        return redirect("staff:import_comparators")
    preview = dfe.Preview.from_session(pending["preview"])
    choice, problem = _choice(request.POST, preview)
    context = {"form": ComparatorImportForm(), "max_mb": settings.COMPARATOR_IMPORT_MAX_MB}
    context |= _preview_context(preview, choice, measure, pending["token"])
    if problem:
        context["errors"] = [problem, *context["errors"]]
    importing = request.POST.get("action", "import") == "import"
    if not importing or not context["can_import"] or problem:
        status = 400 if importing else 200
        return render(request, TEMPLATE, context, status=status)
    request.session.pop(SESSION_KEY, None)
    count = services.import_comparator_series(
        measure=measure,
        series=context["series"],
        source=pending["source"],
        release=pending["release"],
        released_on=date.fromisoformat(pending["released_on"]) if pending["released_on"] else None,
        file_name=preview.file_name,
        by=request.user,
    )
    messages.success(
        request,
        f"{count} comparator value{'s' if count != 1 else ''} imported onto “{measure}”. "
        "They are on its public page now.",
    )
    return redirect("staff:import_comparators")


def _choice(post, preview) -> tuple[tuple[str, ...] | None, str]:
    """The filter values picked (one per column), or None and why not."""
    choice = []
    for index, column in enumerate(preview.filters):
        value = post.get(f"filter-{index}", column.default)
        if value not in column.values:
            return None, f"Choose one of the values of {column.name}."
        choice.append(value)
    return tuple(choice), ""
