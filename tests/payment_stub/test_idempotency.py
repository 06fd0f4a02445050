"""Exactly once: a retried or simultaneous request with one Idempotency-Key makes one session,
and a session is paid once however many browsers press "Pay" together.

The race tests need PostgreSQL (each thread its own connection; `make test` with DATABASE_URL, as
CI runs it): SQLite serialises every write and cannot race.
"""

import json
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from payment_stub.models import CheckoutSession, Event, IdempotencyKey, Refund
from tests.payment_stub.conftest import API_KEY, Api, card, page_path, session_body

# As many as the connection pool lends at once (DB_POOL_MAX_SIZE, 4 by default).
RACERS = 4

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a real race needs PostgreSQL"
)


def test_the_same_key_and_body_answer_the_same_session(api):
    first = api.create(session_body(), key="order-7")
    again = api.create(session_body(), key="order-7")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert CheckoutSession.objects.count() == 1


def test_the_body_is_compared_by_its_content_not_its_spelling(api):
    body = session_body()
    first = api.create(raw=json.dumps(body), key="order-8").json()
    respelled = json.dumps(dict(reversed(list(body.items()))), indent=2)
    assert api.create(raw=respelled, key="order-8").json()["id"] == first["id"]
    assert CheckoutSession.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [{"amount": 10001}, {"description": "Study permit fee"}, {"locale": "fr"}],
    ids=["amount", "description", "locale"],
)
def test_the_same_key_with_another_body_is_a_409(api, change):
    first = api.create(session_body(), key="order-9").json()
    response = api.create(session_body(**change), key="order-9")
    assert response.status_code == 409
    assert response.json()["error"]["type"] == "idempotency_mismatch"
    assert list(CheckoutSession.objects.values_list("id", flat=True)) == [first["id"]]


def test_another_key_makes_another_session(api):
    first = api.create(session_body(), key="order-10").json()
    second = api.create(session_body(), key="order-11").json()
    assert first["id"] != second["id"]
    assert CheckoutSession.objects.count() == 2


def test_keys_belong_to_their_merchant(api):
    call_command(
        "payment_stub_merchant",
        name="Other",
        api_key="other-key",
        webhook_secret="s",
        webhook_url="http://other.example/hook",
        stdout=None,
    )
    mine = api.create(session_body(), key="shared").json()
    theirs = Api(key="other-key").create(session_body(), key="shared").json()
    assert mine["id"] != theirs["id"]
    assert IdempotencyKey.objects.count() == 2


def test_a_key_used_for_a_session_cannot_make_a_refund(api, checkout, client):
    session = checkout()
    client.post(page_path(session), card("succeeds"))
    intent = CheckoutSession.objects.get(pk=session["id"]).payment_intent
    api.create(session_body(), key="reused")
    response = api.refund(intent, key="reused")
    assert response.status_code == 409
    assert response.json()["error"]["type"] == "idempotency_mismatch"
    assert not Refund.objects.exists()


def test_the_create_delay_makes_the_provider_slow(api, merchant):
    merchant.create_delay = 0.3
    merchant.save()
    started = time.monotonic()
    assert api.create(session_body(), key="slow-1").status_code == 200
    assert time.monotonic() - started >= 0.3


def _race(requests):
    """Run each callable in its own thread at the same moment; their answers."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)
    connection.close()  # give the pool's connections to the racing threads

    def run(index, request):
        try:
            barrier.wait(timeout=30)
            answers[index] = request()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_creations_with_one_key_make_one_session(merchant):
    clients = [Api(API_KEY) for _ in range(RACERS)]
    answers = _race([lambda api=api: api.create(session_body(), key="race-1") for api in clients])
    assert [answer.status_code for answer in answers] == [200] * RACERS
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert CheckoutSession.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_payments_of_one_session_pay_once(merchant, transport):
    session = Api(API_KEY).create(session_body(), key="race-2").json()
    browsers = [Client() for _ in range(RACERS)]
    answers = _race(
        [lambda b=browser: b.post(page_path(session), card("succeeds")) for browser in browsers]
    )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * (RACERS - 1) + [303]  # one payment; the others see it done
    row = CheckoutSession.objects.get(pk=session["id"])
    assert (row.status, row.payment_status) == ("complete", "paid")
    assert Event.objects.filter(type="checkout.session.completed").count() == 1
    assert transport.types() == ["checkout.session.completed"]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_refunds_with_different_keys_refund_once(merchant, transport):
    session = Api(API_KEY).create(session_body(), key="race-3").json()
    Client().post(page_path(session), card("succeeds"))
    intent = CheckoutSession.objects.get(pk=session["id"]).payment_intent
    clients = [Api(API_KEY) for _ in range(RACERS)]
    answers = _race(
        [
            lambda api=api, n=n: api.refund(intent, key=f"refund-race-{n}")
            for n, api in enumerate(clients)
        ]
    )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] + [400] * (RACERS - 1)
    refused = [answer.json()["error"]["type"] for answer in answers if answer.status_code == 400]
    assert set(refused) == {"already_refunded"}
    assert Refund.objects.count() == 1
