from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from sendprogress.accounts.permissions import StaffAction

from .. import checklist


@login_required
@permission_required(StaffAction.VIEW.permission, raise_exception=True)
def set_up(request):
    """What a new local area still has to add, with a link to where each is done."""
    steps = checklist.steps()
    return render(
        request,
        "staff/set_up.html",
        {"steps": steps, "left": sum(1 for s in steps if not s.done)},
    )
