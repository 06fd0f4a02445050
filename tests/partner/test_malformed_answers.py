"""A broker that answers nonsense: every malformed document ends on the partner error page.

The audit found discovery documents, key sets, token and userinfo answers that gave a 500. Each
row below rewrites one of the stub broker's answers on its way to the portal.
"""

import json

import pytest
from django.core.cache import cache

from accounts.models import User
from tests.partner.conftest import partner_sign_in, start
from tests.partner.test_failures import assert_error_page
from tests.partner.tokens import tamper_token_response

DISCOVERY, JWKS, TOKEN, USERINFO = (
    "/.well-known/openid-configuration",
    "/jwks/",
    "/token/",
    "/userinfo/",
)


def body(value):
    return lambda data: value


def edit(**changes):
    return lambda data: {**data, **changes}


def no_content_type(response):
    del response.headers["Content-Type"]
    return response


def rewrite_answer(broker, endpoint, change=None, *, response_change=None):
    def rewrite(url, response):
        if url.endswith(endpoint) and response.status_code == 200:
            if change is not None:
                response._content = json.dumps(change(response.json())).encode()
            if response_change is not None:
                response = response_change(response)
        return response

    broker.rewrite = rewrite


AT_THE_START = [
    ("discovery-list", body([])),
    ("discovery-string", body("hello")),
    ("discovery-null-authorize", edit(authorization_endpoint=None)),
    ("discovery-ftp-authorize", edit(authorization_endpoint="ftp://bank.example/authorize")),
    ("discovery-script-authorize", edit(authorization_endpoint="javascript:alert(1)")),
    ("discovery-no-token-endpoint", edit(token_endpoint=None)),
    ("discovery-bad-jwks-uri", edit(jwks_uri=["http://x"])),
    ("discovery-other-issuer", edit(issuer="http://127.0.0.1:8000/another-broker")),
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("case", "change"), AT_THE_START, ids=[c for c, _ in AT_THE_START])
def test_a_malformed_discovery_document_ends_on_the_error_page(
    broker, browser_client, case, change, language
):
    rewrite_answer(broker, DISCOVERY, change)
    url = "/en/sign-in/partner/" if language == "en" else "/fr/ouvrir-session/partenaire/"
    assert_error_page(browser_client.post(url), language=language)


def test_a_discovery_document_without_a_content_type_is_refused(broker, browser_client):
    rewrite_answer(broker, DISCOVERY, response_change=no_content_type)
    assert_error_page(browser_client.post("/en/sign-in/partner/"))


def test_a_malformed_discovery_document_is_never_cached(broker, customer, browser_client):
    rewrite_answer(broker, DISCOVERY, body([]))
    assert_error_page(browser_client.post("/en/sign-in/partner/"))
    broker.rewrite = None
    # The next sign-in asks the broker again and works with its good document.
    assert start(browser_client).startswith("http")
    assert partner_sign_in(browser_client).status_code == 302
    assert User.objects.exists()


IN_THE_CALLBACK = [
    ("jwks-list", JWKS, body([])),
    ("jwks-string", JWKS, body("keys")),
    ("jwks-keys-string", JWKS, body({"keys": "abc"})),
    ("jwks-keys-numbers", JWKS, body({"keys": [1, 2]})),
    ("jwks-key-garbage", JWKS, body({"keys": [{"kty": "RSA", "kid": "x", "n": 1}]})),
    ("token-list", TOKEN, body([])),
    ("token-string", TOKEN, body("access_token")),
    ("token-expires-in-text", TOKEN, edit(expires_in="abc")),
    ("token-expires-in-list", TOKEN, edit(expires_in=[1])),
    ("token-no-id-token", TOKEN, edit(id_token=None)),
    ("token-access-token-number", TOKEN, edit(access_token=12)),
    ("userinfo-list", USERINFO, body([])),
    ("userinfo-string", USERINFO, body("sub")),
    ("userinfo-no-subject", USERINFO, edit(sub=None)),
]


@pytest.mark.parametrize(
    ("case", "endpoint", "change"), IN_THE_CALLBACK, ids=[c for c, *_ in IN_THE_CALLBACK]
)
def test_a_malformed_answer_in_the_round_trip_ends_on_the_error_page(
    broker, customer, browser_client, case, endpoint, change
):
    cache.clear()  # the key set is cached from an earlier test otherwise
    rewrite_answer(broker, endpoint, change)
    assert_error_page(partner_sign_in(browser_client))
    assert not User.objects.exists()


@pytest.mark.parametrize("endpoint", [JWKS, TOKEN, USERINFO])
def test_an_answer_without_a_content_type_is_refused(broker, customer, browser_client, endpoint):
    cache.clear()
    rewrite_answer(broker, endpoint, response_change=no_content_type)
    assert_error_page(partner_sign_in(browser_client))
    assert not User.objects.exists()


def test_an_id_token_for_several_audiences_needs_us_as_authorised_party(
    broker, customer, browser_client, settings
):
    client_id = settings.PARTNER_OIDC_CLIENT_ID
    tamper_token_response(broker, aud=[client_id, "another-client"])
    assert_error_page(partner_sign_in(browser_client))
    assert not User.objects.exists()


def test_an_id_token_naming_us_as_authorised_party_is_accepted(
    broker, customer, browser_client, settings
):
    client_id = settings.PARTNER_OIDC_CLIENT_ID
    tamper_token_response(broker, aud=[client_id, "another-client"], azp=client_id)
    response = partner_sign_in(browser_client)
    assert response.status_code == 302
    assert User.objects.count() == 1


def test_an_id_token_with_another_authorised_party_is_refused(
    broker, customer, browser_client, settings
):
    tamper_token_response(broker, azp="another-client")
    assert_error_page(partner_sign_in(browser_client))


def test_the_issuer_is_the_configured_broker(broker, customer, browser_client):
    # A discovery document that names itself differently is not trusted, even if its tokens
    # would agree with it.
    rewrite_answer(broker, DISCOVERY, edit(issuer="http://127.0.0.1:8000/partner-stub/other"))
    response = browser_client.post("/en/sign-in/partner/")
    assert_error_page(response)
