"""CORS headers on every answer under /api/v1/, whatever made it, and a JSON
404 for any address there that names nothing (never the site's HTML page).

The 404 is made here rather than by a catch-all route, so an address without
its trailing slash still gets CommonMiddleware's redirect (made from a 404
as it passes out), and the route tables the tests walk list only real pages.

Listed before ConditionalGetMiddleware, which swaps a 200 for a bare 304 with
only a few of its headers, and before CommonMiddleware's trailing-slash
redirect, so a browser on another site can read all of them.
"""

from .responses import CORS, error

PREFIX = "/api/v1/"


def open_to_other_sites(get_response):
    def middleware(request):
        response = get_response(request)
        if (
            response.status_code == 404
            and request.path_info.startswith(PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            response = error("There is nothing public at this address.", 404)
        if request.path_info.startswith(PREFIX) or request.path_info == PREFIX.rstrip("/"):
            for name, value in CORS.items():
                response[name] = value
        return response

    return middleware
