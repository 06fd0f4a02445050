"""Per-address limits, counted in the default cache so they hold across app servers."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def allow(request, *, scope, limit, period):
    """Count one attempt of ``scope`` from the request's address; False once over ``limit``.

    Fixed windows of ``period`` seconds. The address is hashed: the cache never holds it.
    """
    address = client_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    window = int(time.time() // period)
    key = f"feedback:throttle:{scope}:{digest}:{window}"
    cache.add(key, 0, timeout=period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 5)
        count = 1
    return count <= limit
