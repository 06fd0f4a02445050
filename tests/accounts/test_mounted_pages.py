"""Only the pages the portal declares are mounted; signed-in pages are never cached."""

import time

import pytest
from allauth.socialaccount.models import SocialAccount

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STOCK_ALLAUTH_PATHS = [
    "account/login/",
    "account/signup/",
    "account/logout/",
    "account/password/set/x/",
    "account/password/reset/",
    "account/email/",
    "account/confirm-email/",
    "account/reauthenticate/",
    "account/login/code/confirm/",
    "account/2fa/",
    "account/2fa/authenticate/",
    "account/2fa/totp/activate/",
    "account/2fa/recovery-codes/",
    "account/2fa/webauthn/",
    "account/2fa/webauthn/add/",
    "account/sessions/x/",
    "account/3rdparty/",
    "account/social/login/cancelled/",
    "compte/login/",
    "compte/signup/",
    "compte/password/reset/",
    "compte/reauthenticate/",
    "compte/2fa/webauthn/",
    "compte/email/",
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", STOCK_ALLAUTH_PATHS)
def test_allauths_stock_pages_are_not_mounted(client, signed_in, language, path):
    for each in (client, signed_in):
        assert each.get(f"/{language}/{path}").status_code == 404


def test_the_portals_own_addresses_for_the_same_pages_work(client):
    assert client.get("/en/account/sign-in/").status_code == 200
    assert client.get("/fr/compte/ouvrir-session/").status_code == 200
    assert client.get("/en/account/register/").status_code == 200
    assert client.get("/fr/compte/inscription/").status_code == 200


def test_setting_a_password_on_a_partner_only_account_goes_through_gckey_add(client):
    user = UserFactory(username="partneronly1")
    user.set_unusable_password()
    user.save()
    SocialAccount.objects.create(user=user, provider="partner", uid="pairwise-subject-1")
    client.force_login(user)
    session = client.session  # signed in with the partner: no two-step verification asked
    session["account_authentication_methods"] = [{"method": "socialaccount", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    response = client.get("/en/account/password/set/")
    assert response.status_code == 302
    assert response["Location"] == "/en/account/security/gckey/add/"
    # allauth's password change sends password-less accounts to "set a password": the same.
    assert client.get("/en/account/password/change/", follow=True).redirect_chain[-1][0] == (
        "/en/account/security/gckey/add/"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/en/account/",
        "/en/account/profile/",
        "/en/account/security/",
        "/en/account/security/activity/",
        "/en/account/sessions/",
        "/en/account/applications/link/",
        "/fr/compte/",
    ],
)
def test_signed_in_pages_are_never_stored(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


def test_public_pages_are_not_forced_to_no_store(client):
    response = client.get("/en/sign-in/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_confirming_identity_never_offers_an_emailed_code(signed_in, applicant):
    """A verified email would make allauth offer a code by email, a page not mounted (a 500)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=applicant, email="alex@example.com", verified=True)
    for path in ("/en/account/confirm-identity/", "/fr/compte/deux-etapes/confirmer-identite/"):
        response = signed_in.get(path)
        assert response.status_code == 200
