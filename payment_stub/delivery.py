"""Webhook delivery: signed POSTs to the merchant's endpoint, after the transaction commits.

Knobs for tests (module attributes, read at each use):

- ``send(url, body, headers, timeout) -> int``: the one transport. It answers the HTTP status,
  or raises when nothing was answered. Tests replace it.
- ``MODE``: ``"thread"`` (the default: a background thread per event, with retries and waits),
  ``"inline"`` (at once in the committing thread, retries without waiting) or ``"off"``
  (events stay queued until ``manage.py payment_stub_deliver``).
- ``RETRY_DELAYS``: the waits between tries in thread mode (so ``len + 1`` tries in all).
"""

import hashlib
import hmac
import logging
import threading
import time
import urllib.error
import urllib.request

from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone

from payment_stub.models import Event

logger = logging.getLogger(__name__)

MODE = "thread"
RETRY_DELAYS = (1, 2, 4, 8)
TIMEOUT = 5.0
SIGNATURE_HEADER = "Stub-Signature"


class _KeepErrorStatus(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a webhook endpoint that redirects has not accepted the event


_opener = urllib.request.build_opener(_KeepErrorStatus)


def send(url, body, headers, timeout):
    """POST ``body`` (bytes) to ``url``; the HTTP status of the answer."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def signature(secret, timestamp, body):
    """The hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` under the merchant's webhook secret."""
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret, timestamp, body):
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def attempt(event):
    """One delivery of ``event``, recorded on it; True when the endpoint answered 2xx."""
    merchant = event.merchant
    body = event.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "payment-stub-webhooks/1",
        SIGNATURE_HEADER: signature_header(merchant.webhook_secret, int(time.time()), body),
    }
    status, error = None, ""
    try:
        status = send(merchant.webhook_url, body, headers, TIMEOUT)
    except Exception as problem:  # any failure of the transport is a failed try
        error = f"{type(problem).__name__}: {problem}"[:300]
    delivered = isinstance(status, int) and 200 <= status < 300
    if not delivered and not error:
        error = f"HTTP {status}"
    Event.objects.filter(pk=event.pk).update(
        attempts=F("attempts") + 1,
        delivered_at=timezone.now() if delivered else None,
        last_status=status if isinstance(status, int) else None,
        last_error="" if delivered else error,
    )
    if delivered:
        event.delivered_at = timezone.now()
    else:
        logger.warning("webhook %s (%s) not delivered: %s", event.pk, event.type, error)
    return delivered


def deliver(event_id, *, wait=True):
    """Try ``event_id`` until it is delivered, ``len(RETRY_DELAYS) + 1`` times at most."""
    delays = list(RETRY_DELAYS)
    for number in range(len(delays) + 1):
        event = Event.objects.select_related("merchant").filter(pk=event_id).first()
        if event is None or event.delivered_at is not None:
            return event is not None
        if attempt(event):
            return True
        if wait and number < len(delays):
            time.sleep(delays[number])
    return False


def _in_thread(function, *args, **kwargs):
    def run():
        close_old_connections()
        try:
            function(*args, **kwargs)
        except Exception:
            logger.exception("payment stub background work failed")
        finally:
            connection.close()

    return run


def schedule(event_id):
    """Deliver ``event_id`` once the current transaction commits, as MODE says."""

    def start():
        if MODE == "inline":
            deliver(event_id, wait=False)
        elif MODE == "thread":
            threading.Thread(target=_in_thread(deliver, event_id), daemon=True).start()

    transaction.on_commit(start)


def schedule_call(seconds, function):
    """Call ``function()`` ``seconds`` after the transaction commits (thread mode only).

    Inline and off modes leave it to the next status query or ``payment_stub_deliver``."""

    def start():
        if MODE == "thread":
            timer = threading.Timer(seconds, _in_thread(function))
            timer.daemon = True
            timer.start()

    transaction.on_commit(start)
