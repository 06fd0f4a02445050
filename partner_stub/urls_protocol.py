"""The protocol endpoints alone, for include() outside the language prefix (portal/urls.py)."""

from partner_stub.urls import protocol_patterns as urlpatterns  # noqa: F401
