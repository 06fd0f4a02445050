"""The stub payment provider reached in-process: its API by the portal's back channel, and its
webhooks delivered to the portal's endpoint, through Django's test client, at once."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client


def provider_transport(method, url, *, headers, body, timeout):
    """The portal's provider transport (payments.provider.transport), over the test client."""
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    extra.pop("HTTP_CONTENT_TYPE", None)
    response = Client().generic(
        method, urlsplit(url).path, data=body or b"", content_type="application/json", **extra
    )
    return response.status_code, response.content


def webhook_send(url, body, headers, timeout):
    """The stub's webhook transport (payment_stub.delivery.send), to the portal's endpoint."""
    response = Client().post(
        urlsplit(url).path,
        data=body,
        content_type="application/json",
        headers={"Stub-Signature": headers["Stub-Signature"]},
    )
    return response.status_code


@pytest.fixture
def stub_provider(db, settings, monkeypatch):
    """The stub provider, configured as the seed does, with the portal as its merchant."""
    from payment_stub import delivery
    from payments import provider

    call_command(
        "payment_stub_merchant",
        name="IRCC secure account",
        api_key=settings.PAYMENT_API_KEY,
        webhook_secret=settings.PAYMENT_WEBHOOK_SECRET,
        webhook_url="http://testserver/payments/webhook/",
        verbosity=0,
    )
    monkeypatch.setattr(provider, "transport", provider_transport)
    monkeypatch.setattr(delivery, "send", webhook_send)
    monkeypatch.setattr(delivery, "MODE", "inline")
    return delivery
