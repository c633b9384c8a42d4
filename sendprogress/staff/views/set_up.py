from django.shortcuts import render

from .. import checklist
from ..access import staff_only


@staff_only
def set_up(request):
    """What a new local area still has to add, with a link to where each is done."""
    steps = checklist.steps()
    return render(
        request,
        "staff/set_up.html",
        {"steps": steps, "left": sum(1 for s in steps if not s.done)},
    )
