"""Per-system rate limits: each system has its own number of requests per minute.

A fixed one-minute window counted in Django's cache (`cache.incr` is atomic in the
shared caches production uses: Redis, Memcached, the database cache).
"""

import threading
import time

from django.core.cache import cache
from ninja.throttling import BaseThrottle

WINDOW_SECONDS = 60


class PerSystemThrottle(BaseThrottle):
    def __init__(self):
        self._local = threading.local()

    def allow_request(self, request) -> bool:
        client = getattr(request, "auth", None)
        if client is None:
            # Not authenticated: the request is refused by the authentication anyway.
            return True
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"enplan:api:rate:{client.system.pk}:{window}"
        cache.add(key, 0, WINDOW_SECONDS + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            # The window expired between add and incr: this is its first request.
            cache.set(key, 1, WINDOW_SECONDS + 1)
            count = 1
        self._local.wait = WINDOW_SECONDS - (now % WINDOW_SECONDS)
        return count <= client.system.requests_per_minute

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
