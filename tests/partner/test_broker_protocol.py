"""The stub broker speaks standard OpenID Connect, and strictly."""

import jwt
import pytest

from partner_stub.keys import signing_key_rotate
from partner_stub.models import Token
from tests.partner.conftest import (
    callback_url_from_broker,
    partner_sign_in,
    path_of,
    query,
    start,
)

ISSUER = "http://127.0.0.1:8000/partner-stub"


@pytest.fixture
def stub(db):
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1:8000")


def test_discovery_document_describes_the_broker(stub):
    config = stub.get("/partner-stub/.well-known/openid-configuration").json()
    assert config["issuer"] == ISSUER
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert config["subject_types_supported"] == ["pairwise"]
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        assert config[endpoint].startswith(ISSUER + "/")


def test_jwks_publishes_public_rsa_keys_only(stub):
    keys = stub.get("/partner-stub/jwks/").json()["keys"]
    assert keys
    for key in keys:
        assert key["kty"] == "RSA"
        assert key["alg"] == "RS256"
        assert key["kid"]
        assert "d" not in key
        assert "p" not in key


@pytest.mark.parametrize(
    "drop", [{"code_challenge": None}, {"code_challenge_method": "plain"}], ids=["none", "plain"]
)
def test_authorize_requires_pkce_s256(broker, browser_client, drop):
    params = query(start(browser_client))
    for key, value in drop.items():
        if value is None:
            params.pop(key)
        else:
            params[key] = value
    response = browser_client.get("/partner-stub/authorize/", params)
    assert response.status_code == 302
    back = query(response["Location"])
    assert back["error"] == "invalid_request"
    assert back["state"] == params["state"]


def test_authorize_shows_its_own_page_for_an_unregistered_redirect_uri(broker, browser_client):
    params = query(start(browser_client))
    params["redirect_uri"] = "http://evil.example/callback"
    response = browser_client.get("/partner-stub/authorize/", params)
    assert response.status_code == 400
    assert "Location" not in response


def test_authorize_shows_its_own_page_for_an_unknown_client(broker, browser_client):
    params = query(start(browser_client))
    params["client_id"] = "nobody"
    assert browser_client.get("/partner-stub/authorize/", params).status_code == 400


def test_pages_without_a_request_in_progress_say_so(stub):
    assert stub.get("/en/demo-bank/choose/").status_code == 400
    assert stub.get("/fr/banque-demo/consentement/").status_code == 400


def test_the_bank_has_its_own_session_and_does_not_sign_in_to_the_portal(
    broker, customer, browser_client
):
    from tests.partner.conftest import sign_in_at_bank, to_bank

    bank = to_bank(browser_client, start(browser_client))
    consent = sign_in_at_bank(browser_client, bank)
    cookie = consent.cookies["partner_stub"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert "_auth_user_id" not in browser_client.session
    back = browser_client.post(consent["Location"], {"allow": "1"})
    assert back.cookies["partner_stub"].value == ""  # one round trip only
    assert "_auth_user_id" not in browser_client.session


def test_a_wrong_bank_password_is_refused(broker, customer, browser_client):
    from tests.partner.conftest import sign_in_at_bank, to_bank

    bank = to_bank(browser_client, start(browser_client))
    response = sign_in_at_bank(browser_client, bank, password="nope")
    assert response.status_code == 200
    assert "The username or password is not right." in response.content.decode()


def test_a_code_used_twice_revokes_the_tokens_it_gave(broker, customer, browser_client):
    back = callback_url_from_broker(browser_client)
    browser_client.get(path_of(back))
    token = Token.objects.get()
    assert not token.revoked
    from django.test import Client

    replay = Client(HTTP_HOST="127.0.0.1:8000").post(
        "/partner-stub/token/",
        {
            "grant_type": "authorization_code",
            "code": query(back)["code"],
            "redirect_uri": "http://127.0.0.1:8000/en/account/partner/partner/return/",
            "client_id": "ircc-portal-dev",
            "client_secret": "development-only-partner-secret",
            "code_verifier": "x" * 50,
        },
    )
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    token.refresh_from_db()
    assert token.revoked


def test_id_token_and_userinfo_carry_the_subject_only(broker, customer, browser_client):
    captured = {}

    def keep(url, response):
        if url.endswith("/token/"):
            captured["id_token"] = response.json()["id_token"]
        if url.endswith("/userinfo/"):
            captured["userinfo"] = response.json()
        return response

    broker.rewrite = keep
    partner_sign_in(browser_client)
    header = jwt.get_unverified_header(captured["id_token"])
    claims = jwt.decode(captured["id_token"], options={"verify_signature": False})
    assert header["alg"] == "RS256"
    assert header["kid"]
    assert set(claims) <= {"iss", "aud", "exp", "iat", "auth_time", "nonce", "sub", "at_hash"}
    assert claims["iss"] == ISSUER
    assert claims["aud"] == ["ircc-portal-dev"]
    assert captured["userinfo"] == {"sub": claims["sub"]}


def test_a_new_broker_key_is_fetched_when_an_id_token_names_it(broker, customer, browser_client):
    partner_sign_in(browser_client)
    browser_client.post("/en/account/sign-out/")
    jwks_fetches = sum(url.endswith("/jwks/") for _m, url, _t in broker.calls)
    assert jwks_fetches == 1
    signing_key_rotate()
    response = partner_sign_in(browser_client)
    assert response.status_code == 302
    assert "_auth_user_id" in browser_client.session
    assert sum(url.endswith("/jwks/") for _m, url, _t in broker.calls) == 2
    # The cached set now knows the new key: no fetch for the next sign-in.
    browser_client.post("/en/account/sign-out/")
    partner_sign_in(browser_client)
    assert sum(url.endswith("/jwks/") for _m, url, _t in broker.calls) == 2


def test_broker_pages_carry_the_security_baseline(broker, browser_client):
    choose = browser_client.get(path_of(start(browser_client)))["Location"]
    response = browser_client.get(choose)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert "<script" not in html
    assert "style=" not in html
