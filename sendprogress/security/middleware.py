"""Headers on every response, session limits and two-factor sign-in for staff."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from sendprogress.accounts.permissions import SecondFactorNeeded, is_staff, needs_second_factor
from sendprogress.public import is_public

from . import two_factor

log = logging.getLogger(__name__)

SIGNED_IN_AT = "security.signed_in_at"
LAST_SEEN = "security.last_seen"
# Writing the session on every request would be a database write per page;
# once a minute is precise enough for a 30-minute idle limit.
LAST_SEEN_RESOLUTION = 60


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


def security_headers(get_response):
    """The headers Django has no setting for: Permissions-Policy and CORP."""
    permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)
    resource_policy = settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", resource_policy)
        return response

    return middleware


def session_limits(get_response):
    """Sign out a session idle too long, and any session older than the maximum."""

    def middleware(request):
        # Without a session cookie nobody is signed in; asking request.user
        # would read the session and add `Vary: Cookie`, which keeps public
        # pages out of the page cache.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.STAFF_SESSION_IDLE_MINUTES * 60
            too_old = now - signed_in_at > settings.STAFF_SESSION_MAX_HOURS * 60 * 60
            if idle or too_old:
                log.info(
                    "Signed out %s: session %s.",
                    request.user.get_username(),
                    "idle too long" if idle else "too old",
                )
                logout(request)
                messages.info(
                    request,
                    "You were signed out because you had not used the site for a while. "
                    "Sign in again to carry on."
                    if idle
                    else "You were signed out because you had been signed in for "
                    f"{settings.STAFF_SESSION_MAX_HOURS} hours. Sign in again to carry on.",
                )
            elif now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return get_response(request)

    return middleware


# The steps of signing in, which staff reach before the second factor.
SIGN_IN_STEPS = {"admin:login", "admin:logout", "security:set_up", "security:verify"}
# Where anyone signed in may go: signing in again as someone else, or out.
SIGNING_IN_AND_OUT = {"admin:login", "admin:logout"}


class StaffTwoFactorMiddleware:
    """Deny unless public: staff reach nothing but public pages before the second factor.

    A view is public only if its URL conf marks it (`sendprogress.public`).
    Anything else, whatever its address, sends a member of staff who has
    signed in with a password only to set up the second factor (none yet)
    or to enter a code, then back to where they were going. Public views
    that give staff more than the public (internal evidence) raise
    `SecondFactorNeeded` for the same answer.

    It also asks, on every such request, whether the person signed in is still
    an active member of staff: a session signed in before someone took away
    their staff status keeps no access (their role's permissions alone would
    have let them in). The admin makes the same check of its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The view first: public pages never touch the session here.
        if is_public(view_func):
            return None
        name = request.resolver_match.view_name
        user = request.user
        if (
            user.is_authenticated
            and not is_staff(user)
            and name not in SIGNING_IN_AND_OUT
            and request.resolver_match.namespace != "admin"  # its own check sends them to sign in
        ):
            log.warning("Refused %s, signed in but not staff, at %s.", user.get_username(), name)
            raise PermissionDenied
        if name not in SIGN_IN_STEPS and needs_second_factor(user):
            return _to_second_factor(request)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, SecondFactorNeeded) and needs_second_factor(request.user):
            return _to_second_factor(request)
        return None


def _to_second_factor(request):
    name = "security:verify" if two_factor.has_device(request.user) else "security:set_up"
    url = reverse(name) + "?" + urlencode({"next": request.get_full_path()})
    response = HttpResponseRedirect(url)
    if request.headers.get("HX-Request") == "true":
        # htmx would swap the whole page into a part of this one.
        response["HX-Redirect"] = url
    return response
