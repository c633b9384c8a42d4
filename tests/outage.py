"""Make the database really unreachable for a while, then bring it back."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

UNOPENABLE_SQLITE_FILE = "/nonexistent-directory/sendprogress-outage.sqlite3"
# Nothing listens on port 1, so connecting is refused at once.
UNREACHABLE_PORT = "1"


@contextmanager
def database_unreachable():
    """Point the connection somewhere it cannot connect, close it, and restore it after.

    Use with `transactional_db`: closing the connection ends any transaction.
    On SQLite the test database lives in memory and dies with its last
    connection, so the old connection is kept open aside while the new ones
    fail, and the restored settings then open a genuinely new connection.
    """
    saved_settings = dict(connection.settings_dict)
    kept_alive = None
    if connection.vendor == "sqlite":
        kept_alive, connection.connection = connection.connection, None
        connection.settings_dict["NAME"] = UNOPENABLE_SQLITE_FILE
    else:
        connection.close()
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = UNREACHABLE_PORT
        connection.settings_dict["OPTIONS"] = {
            **saved_settings["OPTIONS"],
            "connect_timeout": 2,
        }
    try:
        yield
    finally:
        connection.close()
        connection.connection = None
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        if kept_alive is not None:
            connection.ensure_connection()  # the in-memory database lives on in this one
            kept_alive.close()
