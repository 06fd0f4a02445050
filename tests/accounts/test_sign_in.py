from unittest import mock

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from accounts.models import SecurityEvent
from tests.accounts.conftest import sign_in, totp_now, two_step
from tests.html import parse

pytestmark = pytest.mark.django_db


def form_errors(response):
    summary = parse(response).select_one(".error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def test_continue_to_gckey_leads_to_the_sign_in_form(client):
    soup = parse(client.get("/en/sign-in/"))
    link = soup.find("a", string="Continue to GCKey")
    assert link["href"] == "/en/account/sign-in/"
    assert client.get(link["href"]).status_code == 200


def test_password_then_code_signs_in_to_account_home(client, applicant):
    response = sign_in(client, "alextremblay")
    assert response.status_code == 302
    assert response["Location"] == "/en/account/two-step/verify/"
    assert "_auth_user_id" not in client.session
    response = two_step(client, totp_now())
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    assert client.get("/en/account/").status_code == 200


def test_two_step_is_asked_at_every_gckey_sign_in(client, applicant):
    sign_in(client, "alextremblay")
    two_step(client, totp_now())
    client.post("/en/account/sign-out/")
    response = sign_in(client, "alextremblay")
    assert response["Location"] == "/en/account/two-step/verify/"


def test_wrong_code_does_not_sign_in(client, applicant):
    sign_in(client, "alextremblay")
    response = two_step(client, "000000")
    assert response.status_code == 200
    assert client.get("/en/account/").status_code == 302


def test_username_is_case_insensitive(client, applicant):
    assert sign_in(client, "AlexTremblay")["Location"] == "/en/account/two-step/verify/"


def test_unknown_username_and_wrong_password_look_the_same(client, applicant):
    unknown = sign_in(client, "nobodyhere", "Maple2026Leaf")
    wrong = sign_in(client, "alextremblay", "Wrong2026Pass")
    assert unknown.status_code == wrong.status_code == 200
    assert form_errors(unknown) == form_errors(wrong) != ""


def test_unknown_username_and_wrong_password_cost_one_argon2_hash_each(client, applicant):
    """Equal work, so about equal time: the unknown username still pays a full hash."""
    with (
        mock.patch.object(
            Argon2PasswordHasher, "encode", autospec=True, side_effect=Argon2PasswordHasher.encode
        ) as encode,
        mock.patch.object(
            Argon2PasswordHasher, "verify", autospec=True, side_effect=Argon2PasswordHasher.verify
        ) as verify,
    ):
        sign_in(client, "nobodyhere", "Maple2026Leaf")
        unknown_calls = encode.call_count + verify.call_count
        encode.reset_mock()
        verify.reset_mock()
        sign_in(client, "alextremblay", "Wrong2026Pass")
        wrong_calls = encode.call_count + verify.call_count
    assert unknown_calls == wrong_calls == 1


def test_failed_sign_in_is_in_security_activity(client, applicant):
    sign_in(client, "alextremblay", "Wrong2026Pass")
    assert applicant.security_events.filter(kind=SecurityEvent.Kind.SIGN_IN_FAILED).count() == 1


def test_sign_in_messages_in_french(client, applicant):
    response = sign_in(client, "alextremblay", "Wrong2026Pass", language="fr")
    assert parse(response).html["lang"] == "fr"
    assert "Le formulaire n’a pu être soumis" in form_errors(response)


def test_off_site_next_is_ignored(client, applicant):
    sign_in(client, "alextremblay", next="https://evil.example/steal")
    response = two_step(client, totp_now())
    assert response["Location"] == "/en/account/"


def test_on_site_next_is_followed(client, applicant):
    sign_in(client, "alextremblay", next="/en/account/security/")
    assert two_step(client, totp_now())["Location"] == "/en/account/security/"


def test_preferred_language_takes_over_after_sign_in(client, applicant):
    applicant.preferred_language = "fr"
    applicant.save()
    sign_in(client, "alextremblay")
    assert two_step(client, totp_now())["Location"] == "/fr/compte/"


def test_recovery_code_signs_in_when_the_device_is_lost(client, applicant):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    code = RecoveryCodes.activate(applicant).get_unused_codes()[0]
    sign_in(client, "alextremblay")
    assert two_step(client, code)["Location"] == "/en/account/"
    client.post("/en/account/sign-out/")
    sign_in(client, "alextremblay")
    assert two_step(client, code).status_code == 200  # each code works once


def test_signing_out_ends_the_session_on_the_server(client, applicant):
    from django.contrib.sessions.models import Session

    sign_in(client, "alextremblay")
    two_step(client, totp_now())
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    response = client.post("/en/account/sign-out/")
    assert response["Location"] == "/en/sign-in/"
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/en/account/").status_code == 302
