"""A fee is paid only from a verified provider event, exactly once, whatever the deliveries."""

import logging
import random
import threading
import time

import pytest
from django.core import mail
from django.db import connection

from applications.models import Application, Message
from apply_online.models import Draft
from payments.models import Payment, WebhookEvent
from tests.accounts.conftest import delivering
from tests.payments.conftest import deliver, event_body, session_object, sign


def _paid_event(payment, **more):
    return event_body("checkout.session.completed", session_object(payment, **more))


def test_a_verified_event_pays_and_submits_in_one_go(client, open_payment):
    with delivering():
        response = deliver(client, _paid_event(open_payment))
    assert response.status_code == 200
    assert response.json() == {"outcome": "paid"}
    open_payment.refresh_from_db()
    draft = Draft.objects.get(pk=open_payment.draft_id)
    assert open_payment.status == Payment.Status.PAID
    assert open_payment.application is not None
    assert open_payment.attention == ""
    assert draft.state == Draft.State.SUBMITTED
    assert draft.fee_paid_at == open_payment.paid_at
    assert draft.application == open_payment.application
    assert Message.objects.filter(application=open_payment.application).count() == 1
    subjects = [message.subject for message in mail.outbox]
    assert "We received your payment" in subjects


def test_bad_signatures_and_old_timestamps_are_refused_and_logged(client, open_payment, caplog):
    body = _paid_event(open_payment)
    stale = sign(body, timestamp=int(time.time()) - 301)
    tampered = sign(body).replace("v1=", "v1=0")
    other_secret = sign(body, secret="not-the-secret")
    with caplog.at_level(logging.WARNING, logger="payments"):
        for signature in ("", "t=abc,v1=def", stale, tampered, other_secret):
            assert deliver(client, body, signature=signature).status_code == 400
        changed = body.replace(b'"amount_total": 10000', b'"amount_total": 1')
        assert deliver(client, changed, signature=sign(body)).status_code == 400
    assert caplog.text.count("payment webhook refused") == 6
    open_payment.refresh_from_db()
    assert open_payment.status == Payment.Status.OPEN
    assert not Application.objects.exists()
    assert not WebhookEvent.objects.exists()


def test_a_signed_body_that_is_not_an_event_is_refused(client):
    for body in (b"not json", b"[]", b'{"id": "evt_1"}'):
        assert deliver(client, body).status_code == 400


def test_a_replayed_event_changes_nothing(client, open_payment):
    body = _paid_event(open_payment)
    outcomes = [deliver(client, body).json()["outcome"] for _ in range(3)]
    assert outcomes == ["paid", "duplicate", "duplicate"]
    assert Application.objects.count() == 1
    assert WebhookEvent.objects.count() == 1


def test_events_out_of_order_never_move_a_payment_back(client, open_payment):
    paid = _paid_event(open_payment)
    expired = event_body(
        "checkout.session.expired",
        session_object(open_payment, status="expired", payment_status="unpaid"),
    )
    processing = event_body(
        "checkout.session.completed", session_object(open_payment, payment_status="processing")
    )
    assert deliver(client, paid).json()["outcome"] == "paid"
    assert deliver(client, expired).json()["outcome"] == "expired"
    assert deliver(client, processing).json()["outcome"] == "processing"
    open_payment.refresh_from_db()
    assert open_payment.status == Payment.Status.PAID
    assert Application.objects.count() == 1


def test_an_expired_checkout_is_cancelled_and_a_new_one_may_start(client, open_payment):
    expired = session_object(open_payment, status="expired", payment_status="unpaid")
    deliver(client, event_body("checkout.session.expired", expired))
    open_payment.refresh_from_db()
    assert open_payment.status == Payment.Status.CANCELLED
    assert not Payment.objects.filter(status__in=Payment.ACTIVE).exists()


def test_a_second_payment_for_a_paid_draft_is_kept_and_flagged_for_refund(
    client, open_payment, declared_draft
):
    deliver(client, _paid_event(open_payment))
    # Another checkout for the same draft, paid too (say, a session from before an expiry).
    second = Payment.objects.create(
        account=open_payment.account,
        draft=declared_draft,
        description=open_payment.description,
        amount_cents=10000,
        language="fr",
        idempotency_key="second",
        session_id="cs_test_second",
        status=Payment.Status.CANCELLED,
    )
    assert deliver(client, _paid_event(second)).json()["outcome"] == "paid"
    second.refresh_from_db()
    assert second.status == Payment.Status.PAID
    assert second.attention == Payment.Attention.PAID_TWICE
    assert second.application is None
    assert Application.objects.count() == 1


def test_a_payment_for_a_deleted_draft_is_flagged_for_refund(client, open_payment):
    Draft.objects.filter(pk=open_payment.draft_id).delete()
    assert deliver(client, _paid_event(open_payment)).json()["outcome"] == "paid"
    open_payment.refresh_from_db()
    assert open_payment.status == Payment.Status.PAID
    assert open_payment.attention == Payment.Attention.DRAFT_GONE


def test_a_wrong_amount_is_paid_but_not_submitted(client, open_payment):
    deliver(client, _paid_event(open_payment, amount=100))
    open_payment.refresh_from_db()
    assert open_payment.status == Payment.Status.PAID
    assert open_payment.attention == Payment.Attention.AMOUNT
    assert not Application.objects.exists()


def test_a_draft_changed_during_checkout_keeps_its_paid_fee_and_is_flagged(
    client, signed_in, open_payment
):
    from apply_online.models import DraftDocument

    DraftDocument.objects.filter(draft_id=open_payment.draft_id, item__code="funds").delete()
    deliver(client, _paid_event(open_payment))
    open_payment.refresh_from_db()
    draft = Draft.objects.get(pk=open_payment.draft_id)
    assert open_payment.attention == Payment.Attention.NOT_SUBMITTED
    assert draft.fee_paid_at is not None
    assert draft.state == Draft.State.DRAFT
    # The applicant finishes it without paying again: the review page submits now.
    review = signed_in.get(f"/en/account/apply/{draft.pk}/review/").content.decode()
    assert "Submit the application" in review
    assert "Continue to payment" not in review


def test_a_paid_draft_cannot_be_deleted_nor_expire(client, signed_in, open_payment):
    from django.core.management import call_command

    deliver(client, _paid_event(open_payment, amount=100))  # paid, not submitted
    Draft.objects.filter(pk=open_payment.draft_id).update(
        fee_paid_at=open_payment.created_at, updated_at=open_payment.created_at.replace(year=2020)
    )
    call_command("drafts_expire")
    assert Draft.objects.filter(pk=open_payment.draft_id).exists()
    response = signed_in.post(f"/en/account/apply/{open_payment.draft_id}/delete/")
    assert response.status_code == 302
    assert Draft.objects.filter(pk=open_payment.draft_id).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_racing_duplicate_deliveries_pay_once(open_payment):
    """Four deliveries of one event and its twin at once, on separate connections."""
    from django.db import connections
    from django.test import Client

    bodies = [_paid_event(open_payment), _paid_event(open_payment)]
    posts = [random.choice(bodies) for _ in range(4)]
    answers = []
    start = threading.Barrier(len(posts))

    def post(body):
        try:
            start.wait()
            answers.append(deliver(Client(), body).status_code)
        finally:
            connections.close_all()

    connection.close()
    threads = [threading.Thread(target=post, args=(body,)) for body in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 4
    assert Application.objects.count() == 1
    assert Payment.objects.get(pk=open_payment.pk).status == Payment.Status.PAID
    assert Draft.objects.get(pk=open_payment.draft_id).state == Draft.State.SUBMITTED
