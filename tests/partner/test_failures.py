"""Every way a partner sign-in can fail ends on a clear page in the chrome, never a 500."""

import time

import pytest
import requests

from accounts.models import SecurityEvent, User
from tests.html import page_facts
from tests.partner.conftest import (
    callback_url_from_broker,
    partner_sign_in,
    path_of,
    query,
    sign_in_at_bank,
    start,
    to_bank,
)
from tests.partner.tokens import tamper_token_response

ERROR_TITLE = {
    "en": "We could not sign you in with a Sign-In Partner",
    "fr": "Nous n’avons pas pu vous connecter avec un partenaire de connexion",
}
CANCELLED_TITLE = {
    "en": "Sign-in with a Sign-In Partner cancelled",
    "fr": "Connexion avec un partenaire de connexion annulée",
}


def assert_error_page(response, language="en", title=ERROR_TITLE, *, signed_in=False):
    assert response.status_code == 401, response.status_code
    facts = page_facts(response)
    assert facts["h1"] == [title[language]]
    assert facts["title"] == f"{title[language]} - Canada.ca"
    assert facts["lang"] == language
    html = response.content.decode()
    if signed_in:  # back to the security settings
        assert "/en/account/security/" in html
    else:  # try again, or GCKey
        assert (
            "/en/sign-in/partner/" if language == "en" else "/fr/ouvrir-session/partenaire/"
        ) in html
        assert (
            "/en/account/sign-in/" if language == "en" else "/fr/compte/ouvrir-session/"
        ) in html


def follow_cancel(client, response, language="en"):
    assert response.status_code == 302
    back = response["Location"]
    assert query(back)["error"] == "access_denied"
    answer = client.get(path_of(back))
    assert answer.status_code == 302
    page = client.get(answer["Location"])
    assert page.status_code == 200
    assert page_facts(page)["h1"] == [CANCELLED_TITLE[language]]
    assert not User.objects.exists()
    return page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_cancel_at_the_chooser(broker, customer, browser_client, language):
    authorize = start(browser_client, language)
    choose = browser_client.get(path_of(authorize))["Location"]
    follow_cancel(browser_client, browser_client.post(choose, {"cancel": "1"}), language)


def test_cancel_at_the_bank(broker, customer, browser_client):
    bank = to_bank(browser_client, start(browser_client))
    follow_cancel(browser_client, browser_client.post(bank, {"cancel": "1"}))


def test_cancel_at_consent(broker, customer, browser_client):
    bank = to_bank(browser_client, start(browser_client))
    consent = sign_in_at_bank(browser_client, bank)["Location"]
    follow_cancel(browser_client, browser_client.post(consent, {}))


def test_a_wrong_state_is_refused(broker, customer, browser_client):
    back = callback_url_from_broker(browser_client)
    forged = path_of(back).replace(query(back)["state"], "forgedstate123")
    assert_error_page(browser_client.get(forged))
    assert not User.objects.exists()


def test_a_replayed_callback_is_refused_and_recorded_for_the_signed_in_user(
    broker, customer, browser_client
):
    back = path_of(callback_url_from_broker(browser_client))
    assert browser_client.get(back).status_code == 302
    user = User.objects.get()
    assert_error_page(browser_client.get(back), signed_in=True)
    assert user.security_events.filter(kind=SecurityEvent.Kind.PARTNER_FAILED).exists()


def test_a_reused_code_is_refused(broker, customer, browser_client, caplog):
    first = callback_url_from_broker(browser_client)
    assert browser_client.get(path_of(first)).status_code == 302
    browser_client.post("/en/account/sign-out/")
    # A new sign-in (a fresh state) with the old code.
    second = query(start(browser_client))
    replay = path_of(first).replace(query(first)["state"], second["state"])
    assert_error_page(browser_client.get(replay))
    assert "invalid_grant" in caplog.text


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"foreign_key": True}, "Signature verification failed"),
        ({"aud": ["someone-else"]}, "Audience doesn't match"),
        ({"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}, "expired"),
        ({"nonce": "not-the-nonce-we-sent"}, "nonce does not match"),
        ({"iss": "http://127.0.0.1:8000/another-broker"}, "Invalid issuer"),
    ],
    ids=["bad-signature", "wrong-audience", "expired", "wrong-nonce", "wrong-issuer"],
)
def test_a_bad_id_token_is_refused(broker, customer, browser_client, caplog, changes, reason):
    tamper_token_response(broker, **changes)
    assert_error_page(partner_sign_in(browser_client))
    assert not User.objects.exists()
    assert reason in caplog.text


def test_a_broker_that_is_down_at_the_start(broker, browser_client):
    broker.fail = requests.ConnectionError
    response = browser_client.post("/fr/ouvrir-session/partenaire/")
    assert_error_page(response, language="fr")


def test_a_broker_too_slow_at_the_token_endpoint(broker, customer, browser_client):
    back = callback_url_from_broker(browser_client)
    broker.fail = requests.ReadTimeout
    assert_error_page(browser_client.get(path_of(back)))
    assert not User.objects.exists()
    # Every server-to-server call waits a few seconds at most.
    assert broker.calls
    assert all(0 < timeout <= 10 for _m, _u, timeout in broker.calls)
