"""The provider's server-to-server API, outside the language prefix (portal/urls.py)."""

from payment_stub.urls import protocol_patterns as urlpatterns  # noqa: F401
