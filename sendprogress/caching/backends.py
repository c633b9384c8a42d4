"""Django's Redis cache, with one redis-py client per connection pool.

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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
