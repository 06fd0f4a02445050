"""A partner-only account changes its recovery email only after a fresh partner sign-in."""

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.core import mail

from accounts.models import User
from tests.accounts.conftest import delivering
from tests.partner.conftest import partner_sign_in, path_of, sign_in_at_bank, to_bank

PROFILE = {
    "given_names": "Jordan",
    "family_name": "Lee",
    "date_of_birth": "1985-01-02",
    "email": "jordan@example.com",
    "preferred_language": "en",
}


def _age_partner_sign_in(client, minutes):
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= minutes * 60
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


@pytest.mark.django_db
def test_the_bank_sign_in_again_lets_the_change_through(broker, customer, browser_client):
    partner_sign_in(browser_client)
    assert browser_client.post("/en/account/profile/", PROFILE).status_code == 302
    _age_partner_sign_in(browser_client, 10)

    refused = browser_client.post("/en/account/profile/", {**PROFILE, "email": "new@example.com"})
    assert refused.status_code == 200
    assert User.objects.get().email == "jordan@example.com"
    assert b'name="process" value="login"' in refused.content

    # The page's "Sign in again with your Sign-In Partner" button, then the bank.
    response = browser_client.post(
        "/en/sign-in/partner/", {"process": "login", "next": "/en/account/profile/"}
    )
    assert response.status_code == 302
    bank_url = to_bank(browser_client, response["Location"])
    response = sign_in_at_bank(browser_client, bank_url)
    response = browser_client.get(path_of(response["Location"]))
    assert response.status_code == 302
    assert response["Location"] == "/en/account/profile/"

    with delivering():
        changed = browser_client.post(
            "/en/account/profile/", {**PROFILE, "email": "new@example.com"}
        )
    assert changed.status_code == 302
    assert User.objects.get().email == "new@example.com"
    assert [m.to for m in mail.outbox] == [["jordan@example.com"]]
