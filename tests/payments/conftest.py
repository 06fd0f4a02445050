import hashlib
import hmac
import json
import secrets
import time

import pytest
from django.conf import settings

from tests.apply_online.conftest import (  # noqa: F401 - fixtures used by these tests
    CONTACT,
    HISTORY,
    PASSPORT,
    PERSONAL,
    attach,
    documents_storage,
    fill,
    forms,
)

VISIT = {
    "purpose": "tourism",
    "arrival_date": "2030-06-01",
    "departure_date": "2030-06-20",
    "funds": "5000",
    "minor": "no",
}
VISITOR_ANSWERS = [PERSONAL, PASSPORT, CONTACT, VISIT, HISTORY]


def sign(body: bytes, *, timestamp=None, secret=None) -> str:
    """The provider's signature header, computed here from the protocol, not by the portal."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    secret = secret or settings.PAYMENT_WEBHOOK_SECRET
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def session_object(payment, *, status="complete", payment_status="paid", amount=None, **more):
    return {
        "object": "checkout.session",
        "id": payment.session_id,
        "status": status,
        "payment_status": payment_status,
        "amount_total": payment.amount_cents if amount is None else amount,
        "currency": "cad",
        "client_reference_id": str(payment.pk),
        "payment_intent": f"pi_{payment.pk.hex[:16]}" if payment_status == "paid" else None,
        **more,
    }


def event_body(kind, data, event_id=None) -> bytes:
    return json.dumps(
        {
            "id": event_id or f"evt_{secrets.token_hex(8)}",
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "data": {"object": data},
        }
    ).encode()


def deliver(client, body, signature=None):
    return client.post(
        "/payments/webhook/",
        data=body,
        content_type="application/json",
        headers={"Stub-Signature": sign(body) if signature is None else signature},
    )


@pytest.fixture
def declared_draft(forms, applicant):  # noqa: F811 - the fixture imported above
    """A visitor-visa draft ($100) ready to submit, its declaration signed: payment next."""
    from apply_online.services import draft_declare, draft_start

    draft = draft_start(user=applicant, application_type=forms["visitor-visa"])
    draft = fill(draft, *VISITOR_ANSWERS)
    for code in ("passport", "photo", "funds"):
        attach(draft, code)
    return draft_declare(
        draft_id=draft.pk, user=applicant, declaration_name="Marie Ève Côté-O’Brien"
    )


@pytest.fixture
def open_payment(declared_draft):
    """The draft's checkout, as checkout_start leaves it once the provider answered."""
    from payments.models import Payment

    return Payment.objects.create(
        account=declared_draft.account,
        draft=declared_draft,
        description="Application fee: Visitor visa",
        amount_cents=10000,
        language="en",
        idempotency_key=secrets.token_hex(16),
        session_id=f"cs_test_{secrets.token_hex(8)}",
        checkout_url="http://127.0.0.1:8000/en/payment-stub/pay/cs_x/",
        status=Payment.Status.OPEN,
    )
