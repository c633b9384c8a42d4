"""Structured logging: one JSON object a line, each with the request it came from.

Every request has an id (see middleware.RequestIdMiddleware). It is kept in a
context variable while the request is handled, so any log line written on the
way, by our code or Django's, carries it without passing it around.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# What we accept from the proxy: the usual shapes (UUIDs, hex, AWS trace ids),
# short enough to log and echo, and nothing that could break a header or a log.
_SANE_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")


def request_id_from(header: str | None) -> str:
    """The proxy's request id if it is sane, or a new one."""
    if header and _SANE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds the current request's id (or None outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs 4xx answers after the middleware has finished, from the request.
        from_request = getattr(getattr(record, "request", None), "request_id", None)
        record.request_id = from_request or request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One line of JSON per record: easy to search, and a traceback stays on its line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        if (status := getattr(record, "status_code", None)) is not None:
            entry["status"] = status
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
