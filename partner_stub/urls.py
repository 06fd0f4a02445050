"""The broker's addresses. The protocol endpoints sit outside the language prefix, so that the
issuer is one URL; the pages are bilingual, with translated slugs.

portal/urls.py mounts both lists when the stub is enabled.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from partner_stub import views

protocol_patterns = [
    path(
        "partner-stub/.well-known/openid-configuration",
        views.discovery,
        name="partner_stub_discovery",
    ),
    path("partner-stub/authorize/", views.authorize, name="partner_stub_authorize"),
    path("partner-stub/token/", views.token, name="partner_stub_token"),
    path("partner-stub/userinfo/", views.userinfo, name="partner_stub_userinfo"),
    path("partner-stub/jwks/", views.jwks, name="partner_stub_jwks"),
]

page_patterns = [
    path(_("demo-bank/choose/"), views.choose, name="partner_stub_choose"),
    path(_("demo-bank/consent/"), views.consent, name="partner_stub_consent"),
    path(_("demo-bank/<slug:bank>/sign-in/"), views.sign_in, name="partner_stub_sign_in"),
]
