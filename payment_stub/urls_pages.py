"""The provider's hosted pages, inside the language prefix (portal/urls.py)."""

from payment_stub.urls import page_patterns as urlpatterns  # noqa: F401
