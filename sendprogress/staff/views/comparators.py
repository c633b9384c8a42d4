"""Importing comparator series from a DfE data file: preview first, then all or nothing.

Like the figure import, only the checked values (never the file) wait in the
session between the two steps, under a random token the confirm form sends back.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sendprogress.accounts.permissions import StaffAction, require
from sendprogress.plan import comparator_services, dfe
from sendprogress.plan.models import Measure

from ..forms import ComparatorImportForm

SESSION_KEY = "staff_comparator_import"


@login_required
@permission_required(StaffAction.IMPORT_COMPARATORS.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_comparators(request):
    require(request.user, StaffAction.IMPORT_COMPARATORS)
    form = ComparatorImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    request.session.pop(SESSION_KEY, None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            preview = dfe.read_series(
                data["file"],
                measure=data["measure"],
                indicator=data["indicator"],
                geographies=data["geographies"],
            )
        except dfe.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context |= {"preview": preview, "measure": data["measure"]}
            if not preview.errors:
                token = secrets.token_urlsafe(16)
                request.session[SESSION_KEY] = {
                    "token": token,
                    "measure": data["measure"].pk,
                    "source": data["source"],
                    "release": data["release"],
                    "series": [s.as_session() for s in preview.series],
                }
                context["token"] = token
    status = 400 if form.errors else 200
    return render(request, "staff/comparator_import.html", context, status=status)


@login_required
@permission_required(StaffAction.IMPORT_COMPARATORS.permission, raise_exception=True)
@require_POST
def confirm_comparators(request):
    require(request.user, StaffAction.IMPORT_COMPARATORS)
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        messages.error(
            request, "That import has expired or was already done. Upload the file again."
        )
        return redirect("staff:import_comparators")
    measure = Measure.objects.filter(pk=pending["measure"]).first()
    if measure is None:
        messages.error(request, "Nothing was imported: the measure no longer exists.")
        return redirect("staff:import_comparators")
    count = comparator_services.import_comparator_series(
        measure=measure,
        series=pending["series"],
        source=pending["source"],
        release=pending["release"],
        by=request.user,
    )
    messages.success(
        request,
        f"{count} comparator value{'s' if count != 1 else ''} imported onto “{measure}”. "
        "They are on its public page now.",
    )
    return redirect("staff:import_comparators")
