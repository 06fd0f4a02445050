"""The provider's JSON API: authenticated by the merchant's key, strict, never a server error."""

import json

import pytest

from payment_stub.models import CheckoutSession, IdempotencyKey
from tests.payment_stub.conftest import REFUNDS, SESSIONS, Api, session_body


def assert_error(response, status, type=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["message"]
    if type:
        assert error["type"] == type
    return error


# --- Authentication ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic dGVzdDp0ZXN0", "Bearer wrong-key", "test-payment-key"],
    ids=["none", "empty", "no-key", "blank-key", "basic", "wrong-key", "no-scheme"],
)
def test_every_endpoint_refuses_a_missing_or_wrong_key(api, checkout, authorization):
    session_id = checkout()["id"]
    client = Api().client
    headers = {"Idempotency-Key": "k"}
    if authorization is not None:
        headers["Authorization"] = authorization
    body = json.dumps(session_body())
    answers = [
        client.post(SESSIONS, body, content_type="application/json", headers=headers),
        client.get(f"{SESSIONS}/{session_id}", headers=headers),
        client.post(f"{SESSIONS}/{session_id}/expire", headers=headers),
        client.post(REFUNDS, '{"payment_intent": "pi_x"}', "application/json", headers=headers),
    ]
    for response in answers:
        assert_error(response, 401, "authentication_error")
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert CheckoutSession.objects.get().status == "open"  # the expire did nothing


def test_the_scheme_is_case_insensitive(api):
    response = Api().client.post(
        SESSIONS,
        json.dumps(session_body()),
        content_type="application/json",
        headers={"Authorization": "bearer test-payment-key", "Idempotency-Key": "k"},
    )
    assert response.status_code == 200


def test_a_merchant_sees_only_its_own_sessions(api, checkout):
    from django.core.management import call_command

    session_id = checkout()["id"]
    call_command(
        "payment_stub_merchant",
        name="Other",
        api_key="other-key",
        webhook_secret="s",
        webhook_url="http://other.example/hook",
        stdout=None,
    )
    other = Api(key="other-key")
    assert_error(other.get(session_id), 404, "resource_missing")
    assert_error(other.expire(session_id), 404, "resource_missing")
    assert api.get(session_id).status_code == 200


# --- Creating a checkout session --------------------------------------------------------------


def test_creation_answers_the_session_object(api):
    response = api.create(session_body(), key="order-1")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    session = response.json()
    assert set(session) == {
        "object",
        "id",
        "url",
        "status",
        "payment_status",
        "amount_total",
        "currency",
        "client_reference_id",
        "payment_intent",
        "created",
        "expires_at",
    }
    assert session["object"] == "checkout.session"
    assert session["id"].startswith("cs_")
    assert session["url"] == f"http://127.0.0.1:8000/en/payment-stub/pay/{session['id']}/"
    assert session["status"] == "open"
    assert session["payment_status"] == "unpaid"
    assert session["amount_total"] == 10000
    assert session["currency"] == "cad"
    assert session["client_reference_id"] == "6f1c2f0e-1111-4c0e-9a39-3d2b8d0c1a2b"
    assert session["payment_intent"] is None
    assert session["expires_at"] - session["created"] == 24 * 60 * 60


def test_the_page_url_follows_the_locale_and_the_success_urls_host(api):
    body = session_body(
        locale="fr",
        success_url="https://portal.example:8443/fr/frais/?session_id={CHECKOUT_SESSION_ID}",
    )
    session = api.create(body, key="fr-1").json()
    assert session["url"] == f"https://portal.example:8443/fr/payment-stub/pay/{session['id']}/"


def test_locale_and_client_reference_are_optional(api):
    session = api.create(session_body(locale=None, client_reference_id=None)).json()
    assert session["url"].startswith("http://127.0.0.1:8000/en/")
    assert session["client_reference_id"] is None


BAD_BODIES = {
    "not-json": ("{amount: 1", "invalid_json", None),
    "not-utf8": (b"\xff\xfe{}", "invalid_json", None),
    "array": ("[1, 2]", "invalid_json", None),
    "string": ('"hello"', "invalid_json", None),
    "empty": ("", "invalid_json", None),
    "no-amount": (session_body(amount=None), "invalid_request_error", "amount"),
    "amount-text": (session_body(amount="10000"), "invalid_request_error", "amount"),
    "amount-float": (session_body(amount=100.5), "invalid_request_error", "amount"),
    "amount-bool": (session_body(amount=True), "invalid_request_error", "amount"),
    "amount-zero": (session_body(amount=0), "invalid_request_error", "amount"),
    "amount-negative": (session_body(amount=-100), "invalid_request_error", "amount"),
    "amount-huge": (session_body(amount=10**12), "invalid_request_error", "amount"),
    "currency-usd": (session_body(currency="usd"), "invalid_request_error", "currency"),
    "currency-number": (session_body(currency=124), "invalid_request_error", "currency"),
    "no-currency": (session_body(currency=None), "invalid_request_error", "currency"),
    "no-description": (session_body(description=None), "invalid_request_error", "description"),
    "blank-description": (session_body(description="  "), "invalid_request_error", "description"),
    "long-description": (
        session_body(description="x" * 501),
        "invalid_request_error",
        "description",
    ),
    "nul-description": (
        session_body(description="fee\x00"),
        "invalid_request_error",
        "description",
    ),
    "surrogate": ('{"description": "\\ud800"}', "invalid_request_error", None),
    "locale-de": (session_body(locale="de"), "invalid_request_error", "locale"),
    "reference-number": (
        session_body(client_reference_id=12),
        "invalid_request_error",
        "client_reference_id",
    ),
    "no-success-url": (session_body(success_url=None), "invalid_request_error", "success_url"),
    "relative-url": (
        session_body(success_url="/en/return/"),
        "invalid_request_error",
        "success_url",
    ),
    "javascript-url": (
        session_body(cancel_url="javascript:alert(1)"),
        "invalid_request_error",
        "cancel_url",
    ),
    "url-with-space": (
        session_body(cancel_url="http://a.example/ x"),
        "invalid_request_error",
        "cancel_url",
    ),
    "unknown-field": (session_body(metadata={"a": 1}), "invalid_request_error", "metadata"),
}


@pytest.mark.parametrize("case", BAD_BODIES, ids=list(BAD_BODIES))
def test_a_bad_body_is_a_clear_400(api, case):
    body, type, param = BAD_BODIES[case]
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    error = assert_error(api.create(raw=raw, key=f"bad-{case}"), 400, type)
    if param:
        assert error["param"] == param
    assert not CheckoutSession.objects.exists()
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data; boundary=BoUnDaRy", "application/x-www-form-urlencoded"],
)
def test_a_form_instead_of_json_is_a_clear_400(api, content_type):
    from django.test.client import BOUNDARY, encode_multipart

    if content_type.startswith("multipart"):
        data = encode_multipart(BOUNDARY, {"amount": "10000"})
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
    else:
        data = "amount=10000&currency=cad"
    response = api.client.post(
        SESSIONS, data, content_type=content_type, headers=api.headers("form")
    )
    assert_error(response, 400, "invalid_json")


def test_json_nested_too_deep_is_a_clear_400(api):
    assert_error(api.create(raw="[" * 100_000, key="deep"), 400, "invalid_json")


@pytest.mark.parametrize(
    ("key", "type"),
    [(None, "idempotency_key_missing"), ("  ", "idempotency_key_missing")]
    + [("k" * 256, "idempotency_key_invalid")],
)
def test_creation_needs_an_idempotency_key(api, key, type):
    response = api.client.post(
        SESSIONS,
        json.dumps(session_body()),
        content_type="application/json",
        headers=api.headers(key),
    )
    assert_error(response, 400, type)
    assert not CheckoutSession.objects.exists()


def test_a_255_character_key_is_accepted(api):
    assert api.create(key="k" * 255).status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", SESSIONS),
        ("put", SESSIONS),
        ("post", f"{SESSIONS}/cs_x"),
        ("delete", f"{SESSIONS}/cs_x"),
        ("get", f"{SESSIONS}/cs_x/expire"),
        ("get", REFUNDS),
    ],
)
def test_a_wrong_method_is_a_json_405(api, method, path):
    response = getattr(api.client, method)(path, headers=api.headers("k"))
    error = assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] in ("GET", "POST")
    assert error


# --- Reading and expiring -----------------------------------------------------------------------


def test_the_status_query_answers_the_session(api, checkout):
    created = checkout()
    response = api.get(created["id"])
    assert response.status_code == 200
    assert response.json() == created


@pytest.mark.parametrize("session_id", ["cs_unknown", "x" * 300, "%20", "cs_é"])
def test_an_unknown_session_is_a_json_404(api, session_id):
    assert_error(api.get(session_id), 404, "resource_missing")
    assert_error(api.expire(session_id), 404, "resource_missing")


def test_expiring_an_open_session(api, checkout, committed, transport):
    session_id = checkout()["id"]
    with committed():
        response = api.expire(session_id)
    assert response.status_code == 200
    assert response.json()["status"] == "expired"
    assert response.json()["payment_status"] == "unpaid"
    assert api.get(session_id).json()["status"] == "expired"
    assert transport.types() == ["checkout.session.expired"]
    assert transport.events()[0]["data"]["object"]["id"] == session_id
    with committed():
        again = api.expire(session_id)  # expiring again changes nothing, and says so again
    assert again.json()["status"] == "expired"
    assert transport.types() == ["checkout.session.expired"]
