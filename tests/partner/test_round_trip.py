"""A first sign-in through the stub broker makes an account; the next one finds it again."""

import pytest
from allauth.socialaccount.models import SocialAccount

from accounts.models import User
from tests.partner.conftest import partner_sign_in, query, start

CALLBACKS = {
    "en": "http://127.0.0.1:8000/en/account/partner/partner/return/",
    "fr": "http://127.0.0.1:8000/fr/compte/partenaire/partner/retour/",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_authorization_request_uses_pkce_s256_a_nonce_and_the_language_callback(
    broker, browser_client, language
):
    """The callback stays under the language prefix: each language has its own, registered."""
    params = query(start(browser_client, language))
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) >= 43
    assert len(params["nonce"]) >= 32
    assert params["scope"] == "openid"
    assert params["redirect_uri"] == CALLBACKS[language]
    assert params["ui_locales"] == language


def test_each_sign_in_sends_a_new_nonce_and_state(broker, browser_client):
    first, second = query(start(browser_client)), query(start(browser_client))
    assert first["nonce"] != second["nonce"]
    assert first["state"] != second["state"]
    assert first["code_challenge"] != second["code_challenge"]


def test_a_french_round_trip_comes_back_in_french(broker, customer, browser_client):
    response = partner_sign_in(browser_client, language="fr")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/"), response["Location"]


def test_first_partner_sign_in_creates_an_account_and_asks_for_the_profile(
    broker, customer, browser_client
):
    response = partner_sign_in(browser_client)
    assert response.status_code == 302
    home = browser_client.get(response["Location"])
    assert home.status_code == 302
    assert home["Location"].startswith("/en/account/profile/")
    user = User.objects.get()
    assert user.username.startswith("partner_")
    assert not user.has_usable_password()
    assert user.email == ""
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "partner"
    assert len(account.uid) == 64
    assert set(account.extra_data["id_token"]) >= {"iss", "aud", "exp", "iat", "nonce", "sub"}
    assert not {"name", "email", "birthdate"} & set(account.extra_data["id_token"])


def test_later_partner_sign_ins_land_on_the_same_account(broker, customer, browser_client):
    partner_sign_in(browser_client)
    browser_client.post("/en/account/sign-out/")
    response = partner_sign_in(browser_client)
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert SocialAccount.objects.count() == 1
    assert int(browser_client.session["_auth_user_id"]) == User.objects.get().pk


def test_the_hand_off_page_allows_its_form_to_lead_to_the_broker(broker, browser_client):
    response = browser_client.get("/en/sign-in/partner/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    form_action = next(part for part in policy.split(";") if "form-action" in part)
    assert "http://127.0.0.1:8000" in form_action
    assert "unsafe-inline" not in policy


def test_security_activity_says_how_the_applicant_signed_in(broker, customer, browser_client):
    from accounts.models import SecurityEvent

    partner_sign_in(browser_client)
    kinds = list(User.objects.get().security_events.values_list("kind", flat=True))
    assert kinds == [SecurityEvent.Kind.SIGNED_IN_PARTNER]
