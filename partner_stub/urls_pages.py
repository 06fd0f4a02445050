"""The bilingual pages alone, for include() inside the language prefix (portal/urls.py)."""

from partner_stub.urls import page_patterns as urlpatterns  # noqa: F401
