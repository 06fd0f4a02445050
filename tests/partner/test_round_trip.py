"""A first sign-in through the stub broker makes an account; the next one finds it again."""

from allauth.socialaccount.models import SocialAccount

from accounts.models import User
from tests.partner.conftest import partner_sign_in, query, start


def test_authorization_request_uses_pkce_s256_a_nonce_and_the_language_callback(
    broker, browser_client
):
    params = query(start(browser_client))
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) >= 43
    assert len(params["nonce"]) >= 32
    assert params["scope"] == "openid"
    assert params["redirect_uri"] == "http://127.0.0.1:8000/en/account/partner/partner/return/"
    assert params["ui_locales"] == "en"


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
