from django.shortcuts import render
from django.utils import timezone

from sendprogress.public import query_used

from .forms import SinceForm
from .since import changes_since, default_since, last_report


def what_has_changed(request):
    """What changed since the last published progress report, or since a date
    the visitor picks. A date that is not a real one is said so on the form,
    and the page shows the changes since the last report meanwhile."""
    today = timezone.localdate()
    report = last_report()
    form = SinceForm(request.GET if request.GET else None)
    picked = form.cleaned_data["since"] if form.is_valid() else None
    since = picked or default_since(report, today)
    if picked:
        query_used(request, day=picked.day, month=picked.month, year=picked.year)
    else:
        query_used(request)
    return render(
        request,
        "changes/what_has_changed.html",
        {
            "form": form,
            "report": report,
            "picked": picked,
            "changes": changes_since(since, today=today),
        },
        status=400 if form.errors else 200,
    )
