"""The pages shown when something fails: 503 while the database is away, else 500.

Both are rendered with no request context, so no context processor runs and
nothing touches the database (which may be what failed). Neither shows any
detail of the error; each shows the request id as a reference to quote, which
finds the full error in the logs.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from . import logs

# Errors that mean "the database cannot be reached now", not "the code is wrong".
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _reference(request) -> str | None:
    return getattr(request, "request_id", None) or logs.request_id.get()


def _render(template_name: str, request, status: int) -> HttpResponse:
    try:
        body = loader.get_template(template_name).render({"request_id": _reference(request)})
    except Exception:
        # The error page itself must never fail.
        body = "Sorry, there is a problem with this website. Please try again later.\n"
        response = HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(body, status=status)
    add_never_cache_headers(response)
    return response


def _database_unavailable(error: BaseException | None) -> bool:
    """True if the error, or one it arose from, says the database cannot be reached."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, UNAVAILABLE):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def server_error(request, *args, **kwargs):
    """handler500: a 503 page when the database is unreachable, otherwise the 500 page."""
    if _database_unavailable(sys.exc_info()[1]):
        response = _render("503.html", request, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _render("500.html", request, status=500)
