"""The stub payment provider, reached as the portal reaches it: its JSON API and its pages."""

import hashlib
import hmac
import io
import itertools
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from payment_stub import delivery

API_KEY = "test-payment-key"
WEBHOOK_SECRET = "test-webhook-secret"
WEBHOOK_URL = "http://127.0.0.1:8000/en/payments/webhook/"
SESSIONS = "/payment-stub/api/v1/checkout/sessions"
REFUNDS = "/payment-stub/api/v1/refunds"
PORTAL = "http://127.0.0.1:8000"

CARDS = {
    "succeeds": "4242 4242 4242 4242",
    "declined": "4000 0000 0000 0002",
    "confirm": "4000 0025 0000 3155",
    "slow": "4000 0000 0000 0077",
}


def session_body(**changes):
    body = {
        "amount": 10000,
        "currency": "cad",
        "client_reference_id": "6f1c2f0e-1111-4c0e-9a39-3d2b8d0c1a2b",
        "description": "Visitor visa application fee",
        "locale": "en",
        "success_url": f"{PORTAL}/en/fees/return/?session_id={{CHECKOUT_SESSION_ID}}",
        "cancel_url": f"{PORTAL}/en/fees/cancelled/",
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


class Transport:
    """Stands for the network: records each webhook POST and answers what the test says."""

    def __init__(self):
        self.calls = []
        self.answers = []  # each: an int status, or an exception to raise; then 200

    def __call__(self, url, body, headers, timeout):
        self.calls.append({"url": url, "body": body, "headers": headers, "timeout": timeout})
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        return answer

    def events(self):
        return [json.loads(call["body"]) for call in self.calls]

    def types(self):
        return [event["type"] for event in self.events()]


@pytest.fixture
def transport(monkeypatch):
    """Webhooks delivered inline, on commit, to a recording transport."""
    fake = Transport()
    monkeypatch.setattr(delivery, "send", fake)
    monkeypatch.setattr(delivery, "MODE", "inline")
    return fake


@pytest.fixture
def merchant(db, transport):
    call_command(
        "payment_stub_merchant",
        name="IRCC",
        api_key=API_KEY,
        webhook_secret=WEBHOOK_SECRET,
        webhook_url=WEBHOOK_URL,
        stdout=io.StringIO(),
    )
    from payment_stub.models import Merchant

    return Merchant.objects.get()


class Api:
    """The merchant's server calling the provider."""

    def __init__(self, key=API_KEY):
        self.client = Client()
        self.key = key

    def headers(self, idempotency_key=None):
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def create(self, body=None, *, key="key-1", raw=None):
        data = raw if raw is not None else json.dumps(body or session_body())
        return self.client.post(
            SESSIONS, data, content_type="application/json", headers=self.headers(key)
        )

    def get(self, session_id):
        return self.client.get(f"{SESSIONS}/{session_id}", headers=self.headers())

    def expire(self, session_id):
        return self.client.post(f"{SESSIONS}/{session_id}/expire", headers=self.headers())

    def refund(self, payment_intent, *, key="refund-1", raw=None):
        data = raw if raw is not None else json.dumps({"payment_intent": payment_intent})
        return self.client.post(
            REFUNDS, data, content_type="application/json", headers=self.headers(key)
        )


@pytest.fixture
def api(merchant):
    return Api()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the block commits (webhook deliveries) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def checkout(api):
    """A new open checkout session (its JSON object), in the language asked."""
    keys = itertools.count(1)

    def make(language="en", **changes):
        body = session_body(locale=language, **changes)
        response = api.create(body, key=f"checkout-{next(keys)}")
        assert response.status_code == 200, response.content
        return response.json()

    return make


def page_path(session):
    """The hosted page's path, from the session's absolute URL."""
    return re.sub(r"^https?://[^/]+", "", session["url"])


def card(outcome, **changes):
    data = {
        "name": "Alex Tremblay",
        "number": CARDS[outcome],
        "expiry": "08/39",
        "cvc": "123",
        "pay": "1",
    }
    data.update(changes)
    return data


def expected_signature(header, body, secret=WEBHOOK_SECRET):
    """Check a Stub-Signature header independently of the stub's code; its timestamp."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    assert set(parts) == {"t", "v1"}
    timestamp = parts["t"]
    message = timestamp.encode() + b"." + body
    assert hmac.compare_digest(
        parts["v1"], hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    )
    return int(timestamp)
