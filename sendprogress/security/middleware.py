"""Headers on every response, session limits and two-factor sign-in for staff."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from sendprogress.accounts.permissions import is_staff

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


def _guarded(path: str) -> bool:
    admin = "/" + settings.ADMIN_URL
    exempt = (reverse("admin:login"), reverse("admin:logout"))
    return path.startswith(("/staff/", admin)) and not path.startswith(exempt)


def staff_two_factor(get_response):
    """Staff reach the admin and staff pages only after a second factor.

    Not set up yet: sent to set it up. Set up but not verified in this
    session: sent to enter a code. Then back to where they were going.
    """

    def middleware(request):
        if (
            settings.STAFF_REQUIRE_2FA
            # The path first: public pages never touch the session here.
            and _guarded(request.path)
            and is_staff(request.user)
            and not request.user.is_verified()
        ):
            return _to_second_factor(request)
        return get_response(request)

    return middleware


def _to_second_factor(request):
    name = "security:verify" if two_factor.has_device(request.user) else "security:set_up"
    url = reverse(name) + "?" + urlencode({"next": request.get_full_path()})
    response = HttpResponseRedirect(url)
    if request.headers.get("HX-Request") == "true":
        # htmx would swap the whole page into a part of this one.
        response["HX-Redirect"] = url
    return response
