"""Refunds (full, once, idempotent) and the 24-hour life of a checkout session."""

from datetime import timedelta

import pytest
from django.utils import timezone

from payment_stub.models import CheckoutSession, Refund
from payment_stub.services import expire_due
from tests.payment_stub.conftest import card, page_path


@pytest.fixture
def paid_intent(checkout, client, committed):
    def pay(outcome="succeeds"):
        session = checkout()
        with committed():
            client.post(page_path(session), card(outcome))
        return CheckoutSession.objects.get(pk=session["id"]).payment_intent

    return pay


# --- Refunds ------------------------------------------------------------------------------------


def test_a_paid_payment_is_refunded_in_full(api, paid_intent, committed, transport):
    intent = paid_intent()
    with committed():
        response = api.refund(intent, key="refund-a")
    assert response.status_code == 200
    refund = response.json()
    assert refund == {
        "object": "refund",
        "id": refund["id"],
        "payment_intent": intent,
        "amount": 10000,
        "currency": "cad",
        "status": "succeeded",
    }
    assert refund["id"].startswith("re_")
    assert transport.types() == ["checkout.session.completed", "charge.refunded"]
    assert transport.events()[1]["data"]["object"] == refund


def test_the_same_key_answers_the_same_refund(api, paid_intent, committed, transport):
    intent = paid_intent()
    with committed():
        first = api.refund(intent, key="refund-b").json()
        again = api.refund(intent, key="refund-b")
    assert again.status_code == 200
    assert again.json() == first
    assert Refund.objects.count() == 1
    assert transport.types().count("charge.refunded") == 1


def test_a_second_refund_with_another_key_is_refused(api, paid_intent):
    intent = paid_intent()
    api.refund(intent, key="refund-c")
    response = api.refund(intent, key="refund-d")
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "already_refunded"
    assert Refund.objects.count() == 1


def test_the_same_key_for_another_payment_is_a_409(api, paid_intent):
    first, second = paid_intent(), paid_intent()
    api.refund(first, key="refund-e")
    response = api.refund(second, key="refund-e")
    assert response.status_code == 409
    assert response.json()["error"]["type"] == "idempotency_mismatch"
    assert list(Refund.objects.values_list("session__payment_intent", flat=True)) == [first]


def test_a_payment_not_yet_settled_cannot_be_refunded(api, paid_intent):
    intent = paid_intent("slow")
    response = api.refund(intent, key="refund-f")
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "payment_not_settled"
    assert not Refund.objects.exists()
    # The refusal kept no key: the same key works once the payment is paid.
    CheckoutSession.objects.filter(payment_intent=intent).update(
        settles_at=timezone.now() - timedelta(seconds=1)
    )
    assert api.refund(intent, key="refund-f").status_code == 200


def test_an_unknown_payment_intent_is_a_404(api):
    response = api.refund("pi_nothing", key="refund-g")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "resource_missing"


@pytest.mark.parametrize(
    ("raw", "type"),
    [
        ("{}", "invalid_request_error"),
        ('{"payment_intent": 12}', "invalid_request_error"),
        ('{"payment_intent": "pi_x", "amount": 100}', "invalid_request_error"),
        ("nope", "invalid_json"),
        ("[]", "invalid_json"),
    ],
)
def test_a_bad_refund_request_is_a_400(api, raw, type):
    response = api.refund(None, raw=raw, key="refund-h")
    assert response.status_code == 400
    assert response.json()["error"]["type"] == type


def test_a_refund_needs_an_idempotency_key(api, paid_intent):
    response = api.refund(paid_intent(), key=None)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "idempotency_key_missing"
    assert not Refund.objects.exists()


# --- Expiry -------------------------------------------------------------------------------------


def _age(session_id, **delta):
    """Move a session's creation back in time, its 24-hour expiry with it."""
    created = timezone.now() - timedelta(**delta)
    CheckoutSession.objects.filter(pk=session_id).update(
        created=created, expires_at=created + timedelta(hours=24)
    )


def test_a_session_expires_24_hours_after_creation(api, checkout, client, committed, transport):
    session = checkout()
    _age(session["id"], hours=23, minutes=59)
    assert api.get(session["id"]).json()["status"] == "open"
    _age(session["id"], hours=24, seconds=1)
    with committed():
        status = api.get(session["id"]).json()
    assert (status["status"], status["payment_status"]) == ("expired", "unpaid")
    assert transport.types() == ["checkout.session.expired"]
    assert transport.events()[0]["data"]["object"]["status"] == "expired"
    response = client.post(page_path(session), card("succeeds"))
    assert response.status_code == 200
    assert "This payment page has expired" in response.content.decode()
    assert CheckoutSession.objects.get(pk=session["id"]).payment_intent is None


def test_the_pay_page_expires_an_old_session_on_its_own(checkout, client):
    session = checkout()
    _age(session["id"], hours=25)
    response = client.get(page_path(session))
    assert "This payment page has expired" in response.content.decode()
    assert CheckoutSession.objects.get(pk=session["id"]).status == "expired"


def test_expire_due_expires_only_open_sessions_past_their_time(checkout, client):
    old, fresh, paid = checkout(), checkout(), checkout()
    client.post(page_path(paid), card("succeeds"))
    _age(old["id"], hours=25)
    _age(paid["id"], hours=25)
    assert expire_due() == 1
    statuses = dict(CheckoutSession.objects.values_list("id", "status"))
    assert statuses == {old["id"]: "expired", fresh["id"]: "open", paid["id"]: "complete"}
    assert expire_due() == 0


def test_expiring_a_complete_session_leaves_it_complete(api, checkout, client, transport):
    session = checkout()
    client.post(page_path(session), card("succeeds"))
    response = api.expire(session["id"])
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["payment_status"]) == ("complete", "paid")
    assert CheckoutSession.objects.get(pk=session["id"]).status == "complete"
