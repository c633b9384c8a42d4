"""A Redis that accepts connections but never answers does not hold up the site.

Before: no timeouts were set, so redis-py's default held each cache call for
five seconds, and every page waited that long on a hung Redis.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest

from sendprogress.caching.backends import RedisCache

pytestmark = pytest.mark.django_db

# The hung Redis lets go of a connection after this long, so no test can wait for ever.
HANG_SECONDS = 30
# The most a cache call may keep the page waiting. Measured on the hung
# Redis's side, from when it took the connection to when the site gave up on
# it, so it counts the waiting alone, not how long the page took to render.
HELD_AT_MOST_SECONDS = 2


class HungRedis:
    """Takes connections and reads what is sent, never answering; records how
    long the site kept each connection before giving up and closing it."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.location = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"
        self.held: list[float] = []
        self._threads: list[threading.Thread] = []

    def serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            thread = threading.Thread(target=self._hold, args=(connection,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _hold(self, connection) -> None:
        taken = time.monotonic()
        connection.settimeout(HANG_SECONDS)
        with connection:
            try:
                while connection.recv(65536):
                    pass
            except OSError:
                pass
        self.held.append(time.monotonic() - taken)

    def close(self) -> None:
        self.listener.close()
        for thread in self._threads:
            thread.join(HANG_SECONDS + 5)


@contextmanager
def redis_that_never_answers():
    redis = HungRedis()
    threading.Thread(target=redis.serve, daemon=True).start()
    try:
        yield redis
    finally:
        redis.close()


def _production_cache_options(**env) -> dict:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL", "REDIS_TIMEOUT_MS"}
    }
    environment |= {"SECRET_KEY": "k", "REDIS_URL": "redis://cache:6379/0"} | env
    code = "import json; from sendprogress import settings as s; "
    code += "print(json.dumps(s.CACHES['default'].get('OPTIONS', {})))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_settings_give_up_on_redis_within_a_second():
    options = _production_cache_options()
    assert 0 < options.get("socket_connect_timeout", 5) <= 1
    assert 0 < options.get("socket_timeout", 5) <= 1
    assert _production_cache_options(REDIS_TIMEOUT_MS="200")["socket_timeout"] == 0.2


def test_the_backend_gives_up_within_a_second_even_unconfigured():
    pool = RedisCache("redis://127.0.0.1:1/0", {})._cache._get_connection_pool(write=False)
    assert 0 < pool.connection_kwargs["socket_connect_timeout"] <= 1
    assert 0 < pool.connection_kwargs["socket_timeout"] <= 1


def test_pages_answer_at_once_while_redis_hangs(client, measure, settings):
    with redis_that_never_answers() as redis:
        settings.CACHES = {
            "default": {
                "BACKEND": "sendprogress.caching.backends.RedisCache",
                "LOCATION": redis.location,
                "KEY_PREFIX": "sendprogress",
            }
        }
        settings.PUBLIC_PAGE_CACHE_SHARED = True
        responses = [client.get("/measures/the-measure/") for _ in range(2)]
    assert [response.status_code for response in responses] == [200, 200]
    assert all(measure.title in response.text for response in responses)
    assert redis.held, "the page never asked the cache"
    assert max(redis.held) < HELD_AT_MOST_SECONDS
