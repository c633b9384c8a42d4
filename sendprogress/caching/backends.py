"""Django's Redis cache, with one redis-py client per connection pool, and
short timeouts.

redis-py waits for ever by default: a Redis that accepts connections but
never answers would hold every page. Unless the OPTIONS say otherwise
(settings.py passes REDIS_TIMEOUT_MS), connecting and each answer give up
after half a second, and the page is rendered without the cache.

Django's RedisCacheClient makes a new `redis.Redis` object for every cache
call; building one (with its table of response callbacks) costs about as
much as the call itself, and a cached page makes one call per request. A
`redis.Redis` holds no connection of its own (it borrows one from the pool
for each command) and is safe to share, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


DEFAULT_TIMEOUT_SECONDS = 0.5


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": DEFAULT_TIMEOUT_SECONDS,
            "socket_timeout": DEFAULT_TIMEOUT_SECONDS,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
