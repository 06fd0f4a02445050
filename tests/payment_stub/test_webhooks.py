"""Webhooks: signed as the protocol says, sent after commit, retried until the merchant says 2xx."""

import http.server
import io
import json
import threading
import time
import urllib.error

import pytest
from django.core.management import call_command

from payment_stub import delivery, services
from payment_stub.models import CheckoutSession, Event
from tests.payment_stub.conftest import (
    API_KEY,
    WEBHOOK_SECRET,
    WEBHOOK_URL,
    Api,
    card,
    expected_signature,
    page_path,
    session_body,
)


@pytest.fixture
def paid(checkout, client, committed):
    """Pay a new session with the succeeding card; the session's id."""

    def pay():
        session = checkout()
        with committed():
            assert client.post(page_path(session), card("succeeds")).status_code == 303
        return session["id"]

    return pay


def test_the_event_is_signed_with_the_merchants_secret(paid, transport):
    session_id = paid()
    [call] = transport.calls
    assert call["url"] == WEBHOOK_URL
    assert call["headers"]["Content-Type"] == "application/json"
    assert isinstance(call["body"], bytes)
    timestamp = expected_signature(call["headers"]["Stub-Signature"], call["body"])
    assert abs(time.time() - timestamp) < 5
    # The signature covers the body and the time: another of either does not verify.
    with pytest.raises(AssertionError):
        expected_signature(call["headers"]["Stub-Signature"], call["body"] + b" ")
    with pytest.raises(AssertionError):
        expected_signature(call["headers"]["Stub-Signature"], call["body"], secret="other")
    forged = call["headers"]["Stub-Signature"].replace(f"t={timestamp}", f"t={timestamp + 1}")
    with pytest.raises(AssertionError):
        expected_signature(forged, call["body"])
    event = json.loads(call["body"])
    assert set(event) == {"id", "object", "type", "created", "data"}
    assert event["id"].startswith("evt_")
    assert (event["object"], event["type"]) == ("event", "checkout.session.completed")
    assert event["data"]["object"]["id"] == session_id
    assert event["data"]["object"]["payment_status"] == "paid"
    stored = Event.objects.get()
    assert (stored.id, stored.attempts, stored.last_status) == (event["id"], 1, 200)
    assert stored.delivered_at is not None


def test_nothing_is_sent_before_the_transaction_commits(checkout, client, transport):
    session = checkout()
    # No commit here (the test's transaction stays open): the event waits.
    client.post(page_path(session), card("succeeds"))
    assert transport.calls == []
    assert Event.objects.get().delivered_at is None


def test_a_failed_delivery_is_retried_until_the_merchant_accepts_it(paid, transport):
    transport.answers = [ConnectionRefusedError("down"), 500, 200]
    paid()
    assert len(transport.calls) == 3
    assert len({call["body"] for call in transport.calls}) == 1  # the same event each time
    event = Event.objects.get()
    assert (event.attempts, event.last_status, event.last_error) == (3, 200, "")
    assert event.delivered_at is not None


@pytest.mark.parametrize("answer", [500, 404, 302, TimeoutError("slow")])
def test_after_five_failures_the_event_waits_for_the_deliver_command(paid, transport, answer):
    transport.answers = [answer] * 5
    paid()
    assert len(transport.calls) == 5
    event = Event.objects.get()
    assert event.attempts == 5
    assert event.delivered_at is None
    assert event.last_error
    out = io.StringIO()
    call_command("payment_stub_deliver", stdout=out)
    assert out.getvalue().strip() == "1 event(s) delivered, 0 not delivered."
    assert len(transport.calls) == 6
    event.refresh_from_db()
    assert (event.attempts, event.last_status) == (6, 200)
    assert event.delivered_at is not None
    call_command("payment_stub_deliver", stdout=out)  # nothing left to send
    assert len(transport.calls) == 6


def test_the_deliver_command_settles_slow_payments_and_expires_old_sessions(
    checkout, client, transport
):
    from datetime import timedelta

    from django.utils import timezone

    slow, old = checkout(), checkout()
    client.post(page_path(slow), card("slow"))
    past = timezone.now() - timedelta(seconds=1)
    CheckoutSession.objects.filter(pk=slow["id"]).update(settles_at=past)
    CheckoutSession.objects.filter(pk=old["id"]).update(expires_at=past)
    out = io.StringIO()
    call_command("payment_stub_deliver", stdout=out)
    assert "2 event(s) delivered" in out.getvalue()
    assert sorted(transport.types()) == ["checkout.session.completed", "checkout.session.expired"]
    assert CheckoutSession.objects.get(pk=slow["id"]).payment_status == "paid"
    assert CheckoutSession.objects.get(pk=old["id"]).status == "expired"


def test_off_mode_leaves_events_queued(paid, transport, monkeypatch):
    monkeypatch.setattr(delivery, "MODE", "off")
    paid()
    assert transport.calls == []
    assert services.deliver_pending() == (1, 0)
    assert transport.types() == ["checkout.session.completed"]


def _wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_thread_mode_delivers_in_the_background_with_retries(merchant, transport, monkeypatch):
    monkeypatch.setattr(delivery, "MODE", "thread")
    monkeypatch.setattr(delivery, "RETRY_DELAYS", (0.05, 0.05, 0.05, 0.05))
    transport.answers = [503, 200]
    session = Api(API_KEY).create(session_body(), key="thread-1").json()
    from django.test import Client

    response = Client().post(page_path(session), card("succeeds"))
    assert response.status_code == 303  # answered without waiting for the merchant
    assert _wait_for(lambda: Event.objects.filter(delivered_at__isnull=False).exists())
    assert len(transport.calls) == 2
    assert Event.objects.get().attempts == 2


@pytest.mark.django_db(transaction=True)
def test_thread_mode_settles_a_slow_payment_by_itself(merchant, transport, monkeypatch):
    monkeypatch.setattr(delivery, "MODE", "thread")
    monkeypatch.setattr(services, "SLOW_SETTLE_SECONDS", 0.2)
    session = Api(API_KEY).create(session_body(), key="thread-2").json()
    from django.test import Client

    Client().post(page_path(session), card("slow"))
    assert _wait_for(lambda: transport.calls)
    assert transport.types() == ["checkout.session.completed"]
    assert transport.events()[0]["data"]["object"]["payment_status"] == "paid"
    assert CheckoutSession.objects.get(pk=session["id"]).payment_status == "paid"


class _Endpoint(http.server.BaseHTTPRequestHandler):
    status = 204
    received = []

    def do_POST(self):  # noqa: N802 - the standard library's name
        length = int(self.headers["Content-Length"])
        self.received.append((dict(self.headers), self.rfile.read(length)))
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("status", [204, 500])
def test_the_real_transport_posts_and_answers_the_status(status):
    _Endpoint.status = status
    _Endpoint.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        answer = delivery.send(url, b'{"a":1}', {"Content-Type": "application/json"}, 5)
    finally:
        thread.join(timeout=5)
        server.server_close()
    assert answer == status
    [(headers, body)] = _Endpoint.received
    assert body == b'{"a":1}'
    assert headers["Content-Type"] == "application/json"


def test_the_real_transport_raises_when_nobody_answers():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Endpoint)
    port = server.server_port
    server.server_close()  # nothing listens there now
    with pytest.raises(urllib.error.URLError):
        delivery.send(f"http://127.0.0.1:{port}/hook", b"{}", {}, 2)


def test_the_signature_function_matches_the_protocol():
    body = b'{"id":"evt_1"}'
    header = delivery.signature_header(WEBHOOK_SECRET, 1765000000, body)
    assert header.startswith("t=1765000000,v1=")
    assert expected_signature(header, body) == 1765000000
