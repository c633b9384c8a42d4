"""Bulk import of figures from a CSV file: preview first, write on confirmation.

Between the two steps the checked rows (never the file, never a path) are
kept in the user's session under a random token that the confirm form sends
back, so a stale or forged confirmation writes nothing.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sendprogress.accounts.permissions import StaffAction, require
from sendprogress.plan.measures import imports, services

from ..forms import ImportForm

SESSION_KEY = "staff_import"


@login_required
@permission_required(StaffAction.IMPORT_FIGURES.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_figures(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": imports.REQUIRED_COLUMNS + imports.OPTIONAL_COLUMNS}
    if request.method == "POST" and form.is_valid():
        try:
            preview = imports.read_rows(form.cleaned_data["file"])
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            rows = preview.rows
            submit = form.cleaned_data["submit_for_approval"]
            if submit:
                require(request.user, StaffAction.SUBMIT_FIGURE)
            valid = all(not row.errors for row in rows)
            context |= {"rows": rows, "notes": preview.notes, "valid": valid, "submit": submit}
            if valid:
                token = secrets.token_urlsafe(16)
                request.session[SESSION_KEY] = {
                    "token": token,
                    "submit": submit,
                    "rows": [row.as_session() for row in rows],
                }
                context["token"] = token
            else:
                request.session.pop(SESSION_KEY, None)
    status = 400 if form.errors else 200
    return render(request, "staff/import.html", context, status=status)


@login_required
@permission_required(StaffAction.IMPORT_FIGURES.permission, raise_exception=True)
@require_POST
def confirm_import(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        messages.error(
            request, "That import has expired or was already done. Upload the file again."
        )
        return redirect("staff:import_figures")
    try:
        count = services.import_figures(
            rows=pending["rows"], by=request.user, submit=pending["submit"]
        )
    except (ValidationError, services.WorkflowError, services.EditConflict) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(
            request,
            f"Nothing was imported: a figure changed since the preview ({text}). "
            "Upload the file again to see the latest preview.",
        )
        return redirect("staff:import_figures")
    finally:
        request.session.pop(SESSION_KEY, None)
    state = "submitted for approval" if pending["submit"] else "saved as drafts"
    messages.success(request, f"{count} figure{'s' if count != 1 else ''} imported and {state}.")
    return redirect("staff:data_due")
