"""Fees paid exactly once: checkouts, verified provider events, submission, refunds.

The browser's return from the provider proves nothing. A payment becomes paid only here, in
``session_apply``, from a session object that came in a signed webhook or from a status query
to the provider; in the same transaction the draft is marked paid and submitted. Replayed and
out-of-order events change nothing (each event once, and states only move forward); a payment
for a draft already paid, or gone, is kept and flagged for a refund.
"""

import json
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from apply_online.models import Draft
from apply_online.services import DraftClosed, SubmissionRefused, draft_submit
from payments import provider
from payments.models import Payment, WebhookEvent
from portal.mail import email_send

logger = logging.getLogger(__name__)

# The provider's sessions last 24 hours; an older open one is checked before it is reused.
SESSION_REUSE = timedelta(hours=23)


class AlreadyPaid(Exception):
    pass


class NotReady(Exception):
    """No fee to pay, or the declaration is not signed yet."""


class BadEvent(Exception):
    pass


def _cents(amount) -> int:
    return int((amount * 100).to_integral_value())


def _active_payment_or_new(*, draft_id, user, language) -> Payment:
    with transaction.atomic():
        draft = (
            Draft.objects.select_for_update()
            .select_related("type")
            .filter(pk=draft_id, account=user)
            .first()
        )
        if draft is None or not draft.is_editable:
            raise DraftClosed
        if draft.fee_paid_at is not None:
            raise AlreadyPaid
        if draft.type.fee <= 0 or not draft.declaration_name:
            raise NotReady
        payment = Payment.objects.filter(draft=draft, status__in=Payment.ACTIVE).first()
        if payment is None:
            with translation.override(language):
                description = gettext("Application fee: %(type)s") % {"type": draft.type.name}
            payment = Payment.objects.create(
                account=user,
                draft=draft,
                description=description[:200],
                amount_cents=_cents(draft.type.fee),
                language=language,
                idempotency_key=uuid.uuid4().hex,
            )
        return payment


def checkout_start(*, draft_id, user, language, base_url, now=None) -> Payment:
    """The draft's one active checkout, created at the provider if it is not yet.

    A double-click or a retry finds the same payment and sends the same idempotency key, so
    the provider makes one session. Raises provider.ProviderUnavailable (nothing is charged:
    the applicant never reached the provider's page), AlreadyPaid, NotReady or DraftClosed.
    """
    now = now or timezone.now()
    payment = _active_payment_or_new(draft_id=draft_id, user=user, language=language)
    if payment.status == Payment.Status.OPEN and payment.created_at < now - SESSION_REUSE:
        payment_refresh(payment_id=payment.pk)
        payment.refresh_from_db()
        if payment.status == Payment.Status.CANCELLED:  # expired at the provider: a new one
            payment = _active_payment_or_new(draft_id=draft_id, user=user, language=language)
    if payment.status != Payment.Status.CREATING:
        return payment  # open (go to its page) or being confirmed (wait)
    with translation.override(payment.language):
        success_url = base_url + reverse("payment_return", args=[payment.pk])
        cancel_url = base_url + reverse("payment_cancelled", args=[payment.pk])
    session = provider.checkout_create(
        amount_cents=payment.amount_cents,
        reference=str(payment.pk),
        description=payment.description,
        locale=payment.language,
        success_url=success_url,
        cancel_url=cancel_url,
        idempotency_key=payment.idempotency_key,
    )
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status == Payment.Status.CREATING:
            payment.session_id = session["id"]
            payment.checkout_url = session["url"]
            payment.status = Payment.Status.OPEN
            payment.save(update_fields=["session_id", "checkout_url", "status", "updated_at"])
    return payment


def _submit_paid_draft(payment, draft, now):
    """Mark ``draft`` paid by ``payment`` and submit it; flag the payment if it cannot be."""
    if draft is None:
        payment.attention = Payment.Attention.DRAFT_GONE
        return
    if draft.fee_paid_at is not None:
        payment.attention = Payment.Attention.PAID_TWICE
        return
    if draft.state != Draft.State.DRAFT:
        payment.attention = Payment.Attention.PAID_TWICE  # submitted another way
        return
    draft.fee_paid_at = now
    draft.save(update_fields=["fee_paid_at"])
    try:
        with transaction.atomic():
            payment.application = draft_submit(
                draft_id=draft.pk,
                user=draft.account,
                declaration_name=draft.declaration_name,
                now=now,
            )
    except (SubmissionRefused, DraftClosed):
        # Changed after the checkout started (a document removed in another tab): the fee
        # stays paid on the draft, the applicant submits it from the review page, staff see it.
        payment.attention = Payment.Attention.NOT_SUBMITTED
        logger.warning("paid draft not submitted: payment %s", payment.pk)


def _receipt_email(payment):
    user = payment.account
    if not user.email:
        return
    language = user.preferred_language or payment.language
    with translation.override(language):
        sign_in_url = settings.PORTAL_BASE_URL + reverse("account_login")
    email_send(
        to=[user.email],
        template_prefix="payments/email/paid",
        context={"sign_in_url": sign_in_url},
        language=language,
    )


def session_apply(session, *, now=None):
    """Apply a checkout session the provider vouched for (signed event or status query).

    Returns (payment or None, outcome). Runs in one transaction, with the payment locked.
    """
    now = now or timezone.now()
    if not isinstance(session, dict):
        raise BadEvent("no session object")
    reference = session.get("client_reference_id")
    try:
        payment_id = uuid.UUID(str(reference))
    except ValueError:
        return None, "unknown payment"
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(pk=payment_id).first()
        if payment is None:
            return None, "unknown payment"
        if payment.session_id and session.get("id") != payment.session_id:
            return payment, "another session"
        status, paid = session.get("status"), session.get("payment_status")
        if status == "complete" and paid == "paid":
            if payment.status in (Payment.Status.PAID, Payment.Status.REFUNDED):
                return payment, "already paid"
            payment.session_id = session.get("id")
            payment.status = Payment.Status.PAID
            payment.paid_at = now
            payment.provider_payment_id = str(session.get("payment_intent") or "")[:255]
            if session.get("amount_total") != payment.amount_cents or (
                str(session.get("currency", "")).lower() != payment.currency
            ):
                payment.attention = Payment.Attention.AMOUNT
            else:
                draft = (
                    Draft.objects.select_for_update().filter(pk=payment.draft_id).first()
                    if payment.draft_id
                    else None
                )
                _submit_paid_draft(payment, draft, now)
            payment.save()
            transaction.on_commit(lambda: _receipt_email(payment))
            return payment, "paid"
        if status == "complete" and paid == "processing":
            if payment.status in (Payment.Status.CREATING, Payment.Status.OPEN):
                payment.status = Payment.Status.PROCESSING
                payment.save(update_fields=["status", "updated_at"])
            return payment, "processing"
        if status == "expired":
            if payment.status in (Payment.Status.CREATING, Payment.Status.OPEN):
                payment.status = Payment.Status.CANCELLED
                payment.save(update_fields=["status", "updated_at"])
            return payment, "expired"
        return payment, "unchanged"


def refund_apply(refund, *, by=None, now=None):
    """Record a refund the provider made (its event, or its answer to our request)."""
    now = now or timezone.now()
    if not isinstance(refund, dict) or refund.get("status") != "succeeded":
        return None, "refund not succeeded"
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(provider_payment_id=str(refund.get("payment_intent") or ""))
            .exclude(provider_payment_id="")
            .first()
        )
        if payment is None:
            return None, "unknown payment"
        if payment.status == Payment.Status.REFUNDED:
            return payment, "already refunded"
        payment.status = Payment.Status.REFUNDED
        payment.refund_id = str(refund.get("id", ""))[:255]
        payment.refunded_at = now
        payment.refunded_by = by
        payment.attention = Payment.Attention.NONE
        payment.save()
        return payment, "refunded"


SESSION_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.expired",
}


def webhook_handle(body: bytes, signature: str, *, now=None) -> str:
    """Handle one delivery; its outcome. Raises provider.BadSignature or BadEvent (refused)."""
    provider.signature_check(body, signature)
    try:
        event = json.loads(body)
        event_id, kind = str(event["id"]), str(event["type"])
        data = event["data"]["object"]
    except (ValueError, KeyError, TypeError) as error:
        raise BadEvent("not an event") from error
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = WebhookEvent.objects.create(event_id=event_id[:255], type=kind[:100])
        except IntegrityError:
            return "duplicate"
        if kind in SESSION_EVENTS:
            payment, outcome = session_apply(data, now=now)
        elif kind == "charge.refunded":
            payment, outcome = refund_apply(data, now=now)
        else:
            payment, outcome = None, "ignored"
        record.payment = payment
        record.outcome = outcome
        record.save(update_fields=["payment", "outcome"])
    return outcome


def payment_refresh(*, payment_id):
    """Ask the provider how the payment stands (server to server) and apply its answer."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None or not payment.session_id or payment.status not in Payment.ACTIVE:
        return payment
    session = provider.checkout_get(payment.session_id)
    applied, _outcome = session_apply(session)
    return applied


class NotRefundable(Exception):
    pass


def refund_record(*, payment_id, staff_user):
    """Refund a paid payment in full at the provider and record it (finance staff only)."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None or payment.status != Payment.Status.PAID or not payment.provider_payment_id:
        raise NotRefundable
    refund = provider.refund_create(
        payment_intent=payment.provider_payment_id, idempotency_key=f"refund-{payment.pk}"
    )
    applied, outcome = refund_apply(refund, by=staff_user)
    if applied is None:
        raise NotRefundable
    logger.info("refund recorded: payment %s by user %s", payment.pk, staff_user.pk)
    return applied
