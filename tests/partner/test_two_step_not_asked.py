"""A partner sign-in is not asked for two-step verification: the bank did it."""

from accounts.models import User
from tests.partner.conftest import partner_sign_in

PROFILE = {
    "given_names": "Jordan",
    "family_name": "Lee",
    "date_of_birth": "1991-04-02",
    "email": "jordan@example.com",
    "preferred_language": "en",
}


def test_first_partner_sign_in_goes_profile_then_home_without_two_step(
    broker, customer, browser_client
):
    response = partner_sign_in(browser_client)
    response = browser_client.get(response["Location"])
    profile = response["Location"]
    assert profile.startswith("/en/account/profile/")
    assert browser_client.get(profile).status_code == 200
    response = browser_client.post(profile, PROFILE)
    assert response.status_code == 302
    home = browser_client.get(response["Location"])
    assert home.status_code == 200
    assert "Jordan Lee" in home.content.decode()
    assert User.objects.get().has_complete_profile


def test_a_gckey_session_of_the_same_user_would_be_asked(broker, customer, browser_client):
    """The control: the middleware does send password sign-ins to two-step set-up."""
    from django.test import Client

    partner_sign_in(browser_client)
    user = User.objects.get()
    user.profile_completed_at = user.date_joined
    user.save()
    assert browser_client.get("/en/account/").status_code == 200
    user.set_password("Maple2026Leaf")
    user.username = "jordanlee"
    user.save()
    gckey = Client(HTTP_HOST="127.0.0.1:8000")
    gckey.post("/en/account/sign-in/", {"login": "jordanlee", "password": "Maple2026Leaf"})
    assert gckey.get("/en/account/")["Location"].startswith("/en/account/two-step/app/set-up/")
