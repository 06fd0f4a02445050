import pytest
from allauth.mfa.models import Authenticator

from tests.accounts.conftest import SECRET, totp_now
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_account_without_two_step_is_sent_to_set_it_up(client):
    user = UserFactory(username="nosecondfactor")
    client.force_login(user)
    for url in ("/en/account/", "/en/account/security/", "/en/account/profile/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/en/account/two-step/app/set-up/"


def test_setting_up_the_app_unlocks_the_account(client):
    import pyotp

    user = UserFactory(username="nosecondfactor")
    response = client.post(
        "/en/account/sign-in/", {"login": "nosecondfactor", "password": "Maple2026Leaf"}
    )
    assert response["Location"] == "/en/account/"
    assert client.get("/en/account/")["Location"] == "/en/account/two-step/app/set-up/"
    response = client.get("/en/account/two-step/app/set-up/")
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post("/en/account/two-step/app/set-up/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert client.get("/en/account/").status_code == 200


def test_the_last_second_factor_cannot_be_removed(signed_in, applicant):
    response = signed_in.post("/en/account/two-step/app/remove/")
    assert Authenticator.objects.filter(user=applicant, type="totp").exists()
    assert response.status_code in (200, 302)


def test_admin_sign_in_goes_through_allauth(client):
    response = client.get("/en/admin/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 302
    assert login["Location"].startswith("/en/account/sign-in/?next=")


def test_staff_without_two_step_cannot_use_the_admin(client):
    staff = UserFactory(username="staffnomfa", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/account/two-step/app/set-up/"


def test_staff_with_two_step_use_the_admin(staff_client):
    assert staff_client.get("/en/admin/").status_code == 200


def test_staff_sign_in_to_the_admin_asks_for_the_code(client):
    UserFactory(username="staffmember", is_staff=True, totp_secret=SECRET)
    response = client.post(
        "/en/account/sign-in/",
        {"login": "staffmember", "password": "Maple2026Leaf", "next": "/en/admin/"},
    )
    assert response["Location"] == "/en/account/two-step/verify/"
    response = client.post("/en/account/two-step/verify/", {"code": totp_now()})
    assert response["Location"] == "/en/admin/"
