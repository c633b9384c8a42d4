from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sendprogress.plan.permissions import is_staff


def staff_only(view):
    """Signed-in staff only: others are sent to sign in; signed-in non-staff are refused."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not is_staff(request.user):
            raise PermissionDenied("Only staff can see this.")
        return view(request, *args, **kwargs)

    return wrapper
