"""The payment provider's API, as its merchant sees it: a hosted checkout, server to server.

Every call carries the API key and a timeout (``PAYMENT_PROVIDER_TIMEOUT``); creating and
refunding carry an idempotency key, so a retried call never makes a second checkout or refund.
Webhook signatures are checked here too: HMAC-SHA256 over ``"<timestamp>.<body>"``.
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)


class ProviderUnavailable(Exception):
    """The provider did not answer in time, or answered with a server error."""


class ProviderRefused(Exception):
    """The provider answered 4xx: the request was wrong (a bug of ours, or a state it refuses)."""

    def __init__(self, status, error):
        super().__init__(f"{status}: {error}")
        self.status = status
        self.error = error


class BadSignature(Exception):
    pass


def urllib_transport(method, url, *, headers, body, timeout):
    """(status, body bytes) of one HTTP call: the transport used in production."""
    # The provider's https:// address from settings, never a user's: no file: or custom scheme.
    request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# Replaced in tests, which reach the stub provider in-process.
transport = urllib_transport


def _call(method, path, *, payload=None, idempotency_key=None):
    headers = {
        "Authorization": f"Bearer {settings.PAYMENT_API_KEY}",
        "Accept": "application/json",
    }
    body = None
    if payload is not None:
        body = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    url = f"{settings.PAYMENT_PROVIDER_URL}/api/v1/{path}"
    try:
        status, answer = transport(
            method, url, headers=headers, body=body, timeout=settings.PAYMENT_PROVIDER_TIMEOUT
        )
    except (OSError, TimeoutError) as error:  # refused, reset, timed out (URLError is OSError)
        logger.warning("payment provider unreachable: %s %s: %s", method, path, error)
        raise ProviderUnavailable from error
    if status >= 500:
        logger.warning("payment provider error: %s %s answered %s", method, path, status)
        raise ProviderUnavailable
    try:
        data = json.loads(answer)
    except ValueError as error:
        logger.warning("payment provider answered %s with no JSON: %s %s", status, method, path)
        raise ProviderUnavailable from error
    if status >= 400:
        raise ProviderRefused(status, data.get("error", {}) if isinstance(data, dict) else {})
    return data


def checkout_create(
    *, amount_cents, reference, description, locale, success_url, cancel_url, idempotency_key
):
    return _call(
        "POST",
        "checkout/sessions",
        payload={
            "amount": amount_cents,
            "currency": "cad",
            "client_reference_id": reference,
            "description": description,
            "locale": locale,
            "success_url": success_url,
            "cancel_url": cancel_url,
        },
        idempotency_key=idempotency_key,
    )


def checkout_get(session_id):
    return _call("GET", f"checkout/sessions/{session_id}")


def refund_create(*, payment_intent, idempotency_key):
    return _call(
        "POST",
        "refunds",
        payload={"payment_intent": payment_intent},
        idempotency_key=idempotency_key,
    )


def signature_check(body, header, *, secret=None, tolerance=None, now=None):
    """Raise BadSignature unless ``header`` (``t=<unix>,v1=<hex>``) signs ``body`` recently."""
    secret = secret if secret is not None else settings.PAYMENT_WEBHOOK_SECRET
    tolerance = tolerance if tolerance is not None else settings.PAYMENT_WEBHOOK_TOLERANCE
    now = time.time() if now is None else now
    fields: dict[str, list[str]] = {}
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        fields.setdefault(key, []).append(value)
    try:
        timestamp = int(fields["t"][0])
    except (KeyError, ValueError) as error:
        raise BadSignature("no timestamp") from error
    if abs(now - timestamp) > tolerance:
        raise BadSignature("timestamp outside the tolerance")
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    if not any(hmac.compare_digest(expected, given) for given in fields.get("v1", [])):
        raise BadSignature("no matching signature")
