"""CORS headers on every answer under /api/v1/, whatever made it.

Listed before ConditionalGetMiddleware, which swaps a 200 for a bare 304 with
only a few of its headers, and before CommonMiddleware's trailing-slash
redirect, so a browser on another site can read all of them.
"""

from .responses import CORS

PREFIX = "/api/v1/"


def open_to_other_sites(get_response):
    def middleware(request):
        response = get_response(request)
        if request.path_info.startswith(PREFIX) or request.path_info == PREFIX.rstrip("/"):
            for name, value in CORS.items():
                response[name] = value
        return response

    return middleware
