"""What the provider does: merchants, checkout sessions, payments, refunds and their events.

Exactly once: an Idempotency-Key is stored with a digest of its request in the transaction that
creates the result, under a unique constraint, so a retried or simultaneous request finds the
first one's result; a session is locked (SELECT ... FOR UPDATE) whenever its state changes.
"""

import hashlib
import json
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone

from payment_stub import delivery
from payment_stub.cards import CONFIRM, DECLINED, SLOW, SLOW_SETTLE_SECONDS, SUCCEEDS
from payment_stub.models import (
    CheckoutSession,
    Event,
    IdempotencyKey,
    Merchant,
    Refund,
    random_id,
)
from payment_stub.objects import event_object, refund_object, session_object

COMPLETED = "checkout.session.completed"
EXPIRED = "checkout.session.expired"
REFUNDED = "charge.refunded"


class ProviderError(Exception):
    """A request the provider refuses: ``type`` and ``message`` go into the JSON error."""

    def __init__(self, status, type, message, *, param=None):
        super().__init__(message)
        self.status = status
        self.type = type
        self.message = message
        self.extra = {"param": param} if param else {}


def api_key_digest(api_key):
    return hashlib.sha256(api_key.encode()).hexdigest()


def merchant_save(*, api_key, **fields):
    """Create or update the merchant that holds ``api_key`` with ``fields``; (merchant, created).

    ``fields``: name, webhook_url, webhook_secret, create_delay. A new merchant needs its
    webhook's URL and secret.
    """
    digest = api_key_digest(api_key)
    with transaction.atomic():
        merchant = Merchant.objects.select_for_update().filter(api_key_digest=digest).first()
        if merchant is None:
            missing = sorted({"webhook_url", "webhook_secret"} - set(fields))
            if missing:
                raise ValueError(f"A new merchant needs {' and '.join(missing)}.")
            fields.setdefault("name", "Demo merchant")
            return Merchant.objects.create(api_key_digest=digest, **fields), True
        for field, value in fields.items():
            setattr(merchant, field, value)
        merchant.save()
        return merchant, False


def request_digest(operation, params):
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{operation}\n{canonical}".encode()).hexdigest()


def _event_queue(merchant, event_type, data_object):
    event_id = random_id("evt_")
    created = timezone.now()
    body = json.dumps(
        event_object(event_id, event_type, created, data_object), separators=(",", ":")
    )
    Event.objects.create(
        id=event_id, merchant=merchant, type=event_type, body=body, created=created
    )
    delivery.schedule(event_id)
    return event_id


def _idempotent(merchant, key, digest, make):
    """``make()``'s result, once per (merchant, key): the stored one for a repeated request.

    The key's row is inserted in the same transaction as the result. A simultaneous request
    with the same key waits on the unique constraint until the first commits, then finds it.
    """
    for _attempt in range(3):
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    merchant=merchant, key=key, request_digest=digest
                )
                result = make()
                if isinstance(result, Refund):
                    record.refund = result
                else:
                    record.session = result
                record.save(update_fields=["refund", "session"])
                return result
        except IntegrityError:
            record = (
                IdempotencyKey.objects.select_related("session", "refund", "refund__session")
                .filter(merchant=merchant, key=key)
                .first()
            )
            if record is None:
                continue  # the other request was rolled back: try again
            if record.request_digest != digest:
                raise ProviderError(
                    409,
                    "idempotency_mismatch",
                    "This Idempotency-Key was used with a different request.",
                ) from None
            return record.refund or record.session
    raise ProviderError(409, "idempotency_conflict", "Try the request again.")


def checkout_session_create(*, merchant, idempotency_key, params):
    """The checkout session for ``params`` (validated), made once per Idempotency-Key."""
    digest = request_digest("checkout.session.create", params)
    if merchant.create_delay > 0:
        time.sleep(merchant.create_delay)

    def make():
        success = urlsplit(params["success_url"])
        return CheckoutSession.objects.create(
            merchant=merchant,
            amount=params["amount"],
            currency=params["currency"],
            client_reference_id=params.get("client_reference_id") or "",
            description=params["description"],
            locale=params.get("locale") or "en",
            success_url=params["success_url"],
            cancel_url=params["cancel_url"],
            base_url=f"{success.scheme}://{success.netloc.rpartition('@')[2]}",
        )

    return _idempotent(merchant, idempotency_key, digest, make)


def _locked(session_id, merchant=None):
    query = CheckoutSession.objects.select_for_update().select_related("merchant")
    if merchant is not None:
        query = query.filter(merchant=merchant)
    return query.filter(pk=session_id).first()


def _expire(session):
    session.status = CheckoutSession.EXPIRED
    session.awaiting_confirmation = False
    session.save(update_fields=["status", "awaiting_confirmation"])
    _event_queue(session.merchant, EXPIRED, session_object(session))


def _settle(session, now):
    session.payment_status = CheckoutSession.PAID
    session.paid_at = now
    session.save(update_fields=["payment_status", "paid_at"])
    _event_queue(session.merchant, COMPLETED, session_object(session))


def _catch_up(session, now):
    """Bring a locked session up to date: expired when its time is up, paid when settled."""
    if session.status == CheckoutSession.OPEN and session.expires_at <= now:
        _expire(session)
    elif (
        session.payment_status == CheckoutSession.PROCESSING
        and session.settles_at is not None
        and session.settles_at <= now
    ):
        _settle(session, now)
    return session


def checkout_session_current(session_id, *, merchant=None, now=None):
    """The session as of ``now`` (expired or settled first if due); None if there is none."""
    with transaction.atomic():
        session = _locked(session_id, merchant)
        if session is None:
            return None
        return _catch_up(session, now or timezone.now())


def checkout_session_expire(session_id, *, merchant, now=None):
    """Expire an open session at once; a complete or expired one is left as it is."""
    with transaction.atomic():
        session = _locked(session_id, merchant)
        if session is None:
            return None
        _catch_up(session, now or timezone.now())
        if session.status == CheckoutSession.OPEN:
            _expire(session)
        return session


def settle_due(now=None):
    """Mark paid every slow payment whose time has come, each with its completed event.

    Called by status queries, ``manage.py payment_stub_deliver`` and, in thread mode, a timer;
    tests call it with a ``now`` in the future. Answers how many were settled.
    """
    now = now or timezone.now()
    due = CheckoutSession.objects.filter(
        payment_status=CheckoutSession.PROCESSING, settles_at__lte=now
    ).values_list("pk", flat=True)
    settled = 0
    for session_id in list(due):
        with transaction.atomic():
            session = _locked(session_id)
            if session is not None and session.payment_status == CheckoutSession.PROCESSING:
                _settle(session, now)
                settled += 1
    return settled


def expire_due(now=None):
    """Expire every open session past its expiry time; how many."""
    now = now or timezone.now()
    due = CheckoutSession.objects.filter(
        status=CheckoutSession.OPEN, expires_at__lte=now
    ).values_list("pk", flat=True)
    expired = 0
    for session_id in list(due):
        with transaction.atomic():
            session = _locked(session_id)
            if session is not None and session.status == CheckoutSession.OPEN:
                _expire(session)
                expired += 1
    return expired


def deliver_pending(now=None):
    """Settle and expire what is due, then try each undelivered event once: (sent, failed)."""
    settle_due(now)
    expire_due(now)
    sent = failed = 0
    for event in Event.objects.filter(delivered_at=None).select_related("merchant"):
        if delivery.attempt(event):
            sent += 1
        else:
            failed += 1
    return sent, failed


# --- Paying on the hosted page ------------------------------------------------------------------


class Closed(Exception):
    """The session can no longer be paid: complete or expired."""

    def __init__(self, session):
        super().__init__(session.status)
        self.session = session


def _complete(session, *, payment_status, now):
    session.status = CheckoutSession.COMPLETE
    session.payment_status = payment_status
    session.payment_intent = random_id("pi_")
    session.awaiting_confirmation = False
    if payment_status == CheckoutSession.PAID:
        session.paid_at = now
    else:
        session.settles_at = now + timedelta(seconds=SLOW_SETTLE_SECONDS)
    session.save()
    if payment_status == CheckoutSession.PAID:
        _event_queue(session.merchant, COMPLETED, session_object(session))
    else:
        delivery.schedule_call(SLOW_SETTLE_SECONDS + 0.5, settle_due)


def _open_locked(session_id, now):
    session = _locked(session_id)
    if session is None:
        raise CheckoutSession.DoesNotExist
    _catch_up(session, now)
    if session.status != CheckoutSession.OPEN:
        raise Closed(session)
    return session


def checkout_session_pay(session_id, *, outcome, last4, now=None):
    """Pay with a test card of ``outcome``: the session afterwards.

    Raises Closed when it was already complete or expired (nothing is charged twice), and
    leaves it open when the card is declined or needs the card holder's confirmation.
    """
    now = now or timezone.now()
    with transaction.atomic():
        session = _open_locked(session_id, now)
        session.card_last4 = last4
        if outcome == SUCCEEDS:
            _complete(session, payment_status=CheckoutSession.PAID, now=now)
        elif outcome == SLOW:
            _complete(session, payment_status=CheckoutSession.PROCESSING, now=now)
        elif outcome == CONFIRM:
            session.awaiting_confirmation = True
            session.save(update_fields=["awaiting_confirmation", "card_last4"])
        else:
            session.awaiting_confirmation = False
            session.save(update_fields=["awaiting_confirmation", "card_last4"])
        return session


def checkout_session_confirm(session_id, *, confirmed, now=None):
    """The card holder's answer to their bank: paid, or declined (the session stays open)."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _open_locked(session_id, now)
        if not session.awaiting_confirmation:
            return session, None
        if confirmed:
            _complete(session, payment_status=CheckoutSession.PAID, now=now)
            return session, SUCCEEDS
        session.awaiting_confirmation = False
        session.save(update_fields=["awaiting_confirmation"])
        return session, DECLINED


# --- Refunds --------------------------------------------------------------------------------


def refund_create(*, merchant, idempotency_key, payment_intent):
    """A full refund of ``payment_intent``, once per Idempotency-Key and once per payment."""
    digest = request_digest("refund.create", {"payment_intent": payment_intent})

    def make():
        session = (
            CheckoutSession.objects.select_for_update()
            .select_related("merchant")
            .filter(merchant=merchant, payment_intent=payment_intent)
            .first()
        )
        if session is None:
            raise ProviderError(404, "resource_missing", "No such payment_intent.")
        _catch_up(session, timezone.now())
        if Refund.objects.filter(session=session).exists():
            raise ProviderError(
                400, "already_refunded", "This payment_intent has already been refunded."
            )
        if session.payment_status != CheckoutSession.PAID:
            raise ProviderError(
                400, "payment_not_settled", "This payment_intent is not paid yet: try later."
            )
        refund = Refund.objects.create(
            session=session, amount=session.amount, currency=session.currency
        )
        _event_queue(merchant, REFUNDED, refund_object(refund))
        return refund

    return _idempotent(merchant, idempotency_key, digest, make)
