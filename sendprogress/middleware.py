"""Site-wide middleware: request ids, the load balancer's health check, clean query strings."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpResponse, QueryDict
from django.utils.cache import add_never_cache_headers

from . import logs

HEALTH_CHECK_PATHS = {"/healthz", "/healthz/"}


class RequestIdMiddleware:
    """Give each request an id: the proxy's X-Request-ID if sane, else a new one.

    The id is on `request.request_id`, on every log line written while the
    request is handled, in the X-Request-ID response header, and on the error
    pages as a reference to quote. First in MIDDLEWARE so that it covers
    everything after it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = logs.request_id_from(request.headers.get("X-Request-ID"))
        token = logs.request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            logs.request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


class HealthCheckMiddleware:
    """Answer the load balancer at /healthz: 200 when the database answers, else 503.

    A middleware rather than a view because probes usually address the
    instance by its IP, which is not in ALLOWED_HOSTS: answering here, before
    CommonMiddleware reads the Host header, keeps ALLOWED_HOSTS strict for every
    real page while probes still get an answer. The answer names no host and
    tells nothing but up or down. It comes after SecurityMiddleware, whose HTTPS
    redirect skips it through SECURE_REDIRECT_EXEMPT (probes speak plain HTTP
    to the instance). Never cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in HEALTH_CHECK_PATHS:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            response = HttpResponse(status=405, content_type="text/plain; charset=utf-8")
            response["Allow"] = "GET, HEAD"
        elif database_is_up():
            response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
        else:
            response = HttpResponse(
                "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
            )
        add_never_cache_headers(response)
        return response


class NulBytesMiddleware:
    """Take NUL bytes out of the query string before any view reads it.

    A NUL is never meaningful in a search or filter here, and PostgreSQL refuses
    any text containing one, so a search for "abc%00" in the admin failed the
    page (a 500) instead of searching for "abc". Forms refuse NULs in posted
    text themselves, with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
