"""The provider's API objects, as JSON-ready dictionaries (the shapes in the protocol)."""

from django.urls import reverse
from django.utils import translation


def epoch(moment):
    """Unix seconds, as the API writes times."""
    return int(moment.timestamp())


def hosted_page_url(session):
    """The hosted payment page, in the session's language, on the host the browser uses."""
    with translation.override(session.locale):
        path = reverse("payment_stub_pay", kwargs={"session_id": session.id})
    return session.base_url + path


def session_object(session):
    return {
        "object": "checkout.session",
        "id": session.id,
        "url": hosted_page_url(session),
        "status": session.status,
        "payment_status": session.payment_status,
        "amount_total": session.amount,
        "currency": session.currency,
        "client_reference_id": session.client_reference_id or None,
        "payment_intent": session.payment_intent,
        "created": epoch(session.created),
        "expires_at": epoch(session.expires_at),
    }


def refund_object(refund):
    return {
        "object": "refund",
        "id": refund.id,
        "payment_intent": refund.session.payment_intent,
        "amount": refund.amount,
        "currency": refund.currency,
        "status": refund.status,
    }


def event_object(event_id, event_type, created, data_object):
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": epoch(created),
        "data": {"object": data_object},
    }
