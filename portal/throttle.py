"""Per-address limits, counted in the default cache so they hold across app servers."""

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied


def client_address(request):
    """The applicant's address as allauth's sign-in limits see it.

    Behind a load balancer ``REMOTE_ADDR`` is the balancer's: with ``TRUSTED_PROXY_COUNT`` set,
    the address comes from ``X-Forwarded-For``, counted from the right so it can't be forged.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):  # a header shorter than the proxy chain
        return request.META.get("REMOTE_ADDR", "")


def allow(request, *, scope, limit, period):
    """Count one attempt of ``scope`` from the request's address; False once over ``limit``.

    Fixed windows of ``period`` seconds. The address is hashed: the cache never holds it.
    """
    return allow_key(client_address(request), scope=scope, limit=limit, period=period)


def allow_key(who, *, scope, limit, period):
    """Count one attempt of ``scope`` by ``who`` (an address, an account); False once over."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{who}".encode()).hexdigest()[:32]
    window = int(time.time() // period)
    key = f"portal:throttle:{scope}:{digest}:{window}"
    cache.add(key, 0, timeout=period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 5)
        count = 1
    return count <= limit
