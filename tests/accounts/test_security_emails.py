"""Security emails: never sent inside a request, alerts with a "This wasn't me" link, and a
recovery-address change that needs proof and tells the old address."""

import re

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import services
from accounts.models import SecurityEvent
from portal.mail import email_build
from tests.accounts.conftest import PASSWORD, delivering, sign_in, totp_now, two_step
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = SecurityEvent.Kind
FORGOT = ["/en/account/password/forgot/", "/en/account/username/forgot/"]
VARYING = re.compile(rb'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


def _answer(client, url, email):
    with delivering():
        response = client.post(url, {"email": email}, follow=True)
    return response.status_code, response.redirect_chain, VARYING.sub(b"", response.content)


class BrokenBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.parametrize("url", FORGOT)
def test_forgot_pages_answer_the_same_for_known_unknown_and_a_mail_server_down(
    client, settings, url
):
    UserFactory(username="alextremblay", email="alex@example.com")
    known = _answer(client, url, "alex@example.com")
    cache.clear()  # the per-address limits are not what this test is about
    unknown = _answer(client, url, "nobody@example.com")
    cache.clear()
    settings.EMAIL_BACKEND = "tests.accounts.test_security_emails.BrokenBackend"
    known_mail_down = _answer(Client(raise_request_exception=True), url, "alex@example.com")
    assert known[0] == 200
    assert known == unknown == known_mail_down


@pytest.mark.parametrize("url", FORGOT)
def test_forgot_pages_queue_the_email_and_never_send_it_in_the_request(client, settings, url):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    UserFactory(username="alextremblay", email="alex@example.com", preferred_language="fr")
    with delivering():
        response = client.post(url, {"email": "alex@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"]["to"] == ["alex@example.com"]
    assert '<html lang="fr">' in queued.args_kwargs["kwargs"]["html"]


def _not_me_path(message):
    return re.search(r"http://testserver(/\S+/)", message.body).group(1)


def test_a_wrong_code_after_the_right_password_is_recorded_and_emailed(client):
    user = UserFactory(username="alextremblay", totp_secret="A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
    user.preferred_language = "fr"
    user.save()
    sign_in(client, "alextremblay")
    with delivering():
        response = two_step(client, "000000")
    assert response.status_code == 200  # the form again, with its error
    assert user.security_events.filter(kind=Kind.MFA_FAILED).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Code de vérification erroné pour votre compte sécurisé d’IRCC"
    assert _not_me_path(message).startswith("/fr/compte/securite/pas-moi/")
    assert '<html lang="fr">' in message.alternatives[0][0]


def test_a_wrong_password_sends_no_email(client, applicant):
    with delivering():
        sign_in(client, "alextremblay", "Wrong2026Pass")
    assert mail.outbox == []


def _full_sign_in(client):
    cache.clear()  # a code is accepted once: the next sign-in may reuse this window's code
    client.defaults["HTTP_USER_AGENT"] = "Mozilla/5.0 (X11; Linux) Firefox/132.0"
    sign_in(client, "alextremblay")
    with delivering():
        response = two_step(client, totp_now())
    assert response.status_code == 302
    return response


def test_a_new_browser_is_emailed_once_and_a_known_one_never(client, applicant):
    _full_sign_in(client)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "New sign-in to your IRCC secure account"
    assert "Firefox / Linux" in mail.outbox[0].body
    client.post("/en/account/sign-out/")
    _full_sign_in(client)  # the same browser (its cookie)
    assert len(mail.outbox) == 1
    _full_sign_in(Client())  # another browser
    assert len(mail.outbox) == 2
    assert applicant.security_events.filter(kind=Kind.NEW_BROWSER).count() == 2


def test_a_forged_browser_cookie_counts_as_a_new_browser(client, applicant):
    client.cookies["portal_browser"] = "forged"
    _full_sign_in(client)
    assert len(mail.outbox) == 1


def test_this_was_not_me_ends_every_session_and_asks_for_a_new_password(applicant):
    first, second, stranger = Client(), Client(), Client()
    first.force_login(applicant)
    second.force_login(applicant)
    path = f"/en/account/security/not-me/{services.not_me_token(user=applicant)}/"
    page = stranger.get(path)
    assert page.status_code == 200
    assert first.get("/en/account/").status_code == 200  # following the link changed nothing
    response = stranger.post(path)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/password/forgot/"
    for client in (first, second):
        assert client.get("/en/account/")["Location"].startswith("/en/account/sign-in/")
    applicant.refresh_from_db()
    assert not applicant.check_password(PASSWORD)
    assert applicant.security_events.filter(kind=Kind.SESSIONS_ENDED).count() == 1


def test_the_link_in_an_alert_leads_to_the_confirmation(client, applicant):
    sign_in(client, "alextremblay")
    with delivering():
        two_step(client, "000000")
    page = Client().get(_not_me_path(mail.outbox[0]))
    assert page.status_code == 200
    assert b'method="post"' in page.content


@pytest.mark.parametrize("token", ["nonsense", "1", "a" * 300])
def test_a_bad_not_me_link_is_refused_plainly(client, applicant, token):
    assert client.post(f"/en/account/security/not-me/{token}/").status_code == 400
    assert not applicant.security_events.filter(kind=Kind.SESSIONS_ENDED).exists()


PROFILE = {
    "given_names": "Alex",
    "family_name": "Tremblay",
    "date_of_birth": "1990-03-25",
    "email": "new@example.com",
    "preferred_language": "fr",
}


@pytest.mark.parametrize("password", [None, "", "Wrong2026Pass"])
def test_changing_the_email_needs_the_current_password(signed_in, applicant, password):
    data = PROFILE if password is None else {**PROFILE, "current_password": password}
    with delivering():
        response = signed_in.post("/en/account/profile/", data)
    assert response.status_code == 200
    applicant.refresh_from_db()
    assert applicant.email == "alextremblay@example.com"
    assert mail.outbox == []


def test_other_profile_fields_change_without_the_password(signed_in, applicant):
    data = {**PROFILE, "email": "AlexTremblay@example.com", "given_names": "Alexandre"}
    response = signed_in.post("/en/account/profile/", data)
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.given_names == "Alexandre"


def test_a_changed_email_is_recorded_and_the_old_address_told(signed_in, applicant):
    with delivering():
        response = signed_in.post("/en/account/profile/", {**PROFILE, "current_password": PASSWORD})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.email == "new@example.com"
    assert applicant.security_events.filter(kind=Kind.EMAIL_CHANGED).count() == 1
    assert len(mail.outbox) == 1
    told = mail.outbox[0]
    assert told.to == ["alextremblay@example.com"]
    assert (
        told.subject == "Le courriel de récupération de votre compte sécurisé d’IRCC a été modifié"
    )
    assert "new@example.com" not in told.body
    assert '<html lang="fr">' in told.alternatives[0][0]


def _partner_signed_in(client, user, minutes_ago):
    """The session's record of a Sign-In Partner sign-in (what allauth keeps) that long ago."""
    session = client.session
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "socialaccount", "at": timezone.now().timestamp() - minutes_ago * 60}
    ]
    session.save()


@pytest.fixture
def partner_only(client):
    user = UserFactory(username="partner_abc123")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    _partner_signed_in(client, user, minutes_ago=60)
    return user


def test_a_partner_only_account_must_sign_in_with_its_partner_again(client, partner_only):
    response = client.post("/en/account/profile/", PROFILE)
    assert response.status_code == 200
    assert "sign in again with your Sign-In Partner" in response.content.decode()
    partner_only.refresh_from_db()
    assert partner_only.email == "partner_abc123@example.com"


@pytest.mark.parametrize(("minutes_ago", "changed"), [(1, True), (10, False)])
def test_a_fresh_partner_sign_in_allows_the_change(client, partner_only, minutes_ago, changed):
    _partner_signed_in(client, partner_only, minutes_ago=minutes_ago)
    with delivering():
        client.post("/en/account/profile/", PROFILE)
    partner_only.refresh_from_db()
    assert (partner_only.email == "new@example.com") is changed
    assert len(mail.outbox) == (1 if changed else 0)


@pytest.mark.parametrize(
    ("prefix", "context"),
    [
        ("accounts/email/username_reminder", {"usernames": ["x"], "sign_in_url": "u"}),
        ("account/email/password_reset_key", {"password_reset_url": "u"}),
        ("accounts/email/new_browser", {"not_me_url": "u", "when": timezone.now()}),
        ("accounts/email/mfa_failed", {"not_me_url": "u", "when": timezone.now()}),
        ("accounts/email/email_changed", {"when": timezone.now()}),
        ("applications/email/new_message", {"sign_in_url": "u"}),
    ],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_html_emails_declare_their_language(prefix, context, language):
    message = email_build(
        to=["a@example.com"], template_prefix=prefix, context=context, language=language
    )
    assert f'<html lang="{language}">' in message.alternatives[0][0]


def test_new_message_email_is_built_by_the_one_seam(settings):
    from applications.services import message_send

    applicant = UserFactory(username="mariecote", preferred_language="fr")
    application = ApplicationFactory(account=applicant)
    with delivering():
        message_send(
            application=application, subject_en="a", subject_fr="b", body_en="c", body_fr="d"
        )
    assert '<html lang="fr">' in mail.outbox[0].alternatives[0][0]


def test_this_was_not_me_empties_the_list_of_sessions(client, applicant):
    from allauth.usersessions.models import UserSession

    _full_sign_in(client)
    assert UserSession.objects.filter(user=applicant).count() == 1
    response = Client().post(_not_me_path(mail.outbox[0]))
    assert response.status_code == 302
    assert not UserSession.objects.filter(user=applicant).exists()
    assert client.get("/en/account/")["Location"].startswith("/en/account/sign-in/")
