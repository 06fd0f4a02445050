"""The provider's addresses. The API sits outside the language prefix; the hosted pages are
bilingual, under /en/ and /fr/, with the same slugs in both languages.

portal/urls.py mounts both lists, by name, when the stub is enabled.
"""

from django.urls import path

from payment_stub import api, pages

API = "payment-stub/api/v1/"

protocol_patterns = [
    path(f"{API}checkout/sessions", api.sessions, name="payment_stub_sessions"),
    path(f"{API}checkout/sessions/<str:session_id>", api.session, name="payment_stub_session"),
    path(
        f"{API}checkout/sessions/<str:session_id>/expire",
        api.session_expire,
        name="payment_stub_session_expire",
    ),
    path(f"{API}refunds", api.refunds, name="payment_stub_refunds"),
]

page_patterns = [
    path("payment-stub/pay/<str:session_id>/", pages.pay, name="payment_stub_pay"),
    path("payment-stub/pay/<str:session_id>/confirm/", pages.confirm, name="payment_stub_confirm"),
]
