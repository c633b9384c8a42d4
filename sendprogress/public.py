"""Which addresses the public may reach.

Deny unless public: an address is public only when its URL conf wraps the
view in `public(...)`. Every other view (staff pages, the admin, previews,
anything added later and not marked) needs a member of staff who has signed
in completely, with the second factor when STAFF_REQUIRE_2FA is on
(`sendprogress.security.middleware.StaffTwoFactorMiddleware` enforces it).
Marking lives in the URL confs, so each app's list of public addresses is in
one place and a new address is staff-only until someone decides otherwise.
"""

from functools import wraps

MARK = "sendprogress_public"


def public(view):
    """Mark `view` as one anyone may see.

    Wraps rather than sets an attribute on `view` itself, which may be a
    function shared with other URL confs (Django's sitemap view) or an
    instance (a feed).
    """

    @wraps(view)
    def public_view(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    setattr(public_view, MARK, True)
    return public_view


def is_public(view) -> bool:
    return getattr(view, MARK, False) is True
