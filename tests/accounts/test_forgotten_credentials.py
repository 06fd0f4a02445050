import re

import pytest
from django.core import mail

from tests.accounts.conftest import delivering
from tests.factories import UserFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def main_text(response):
    return parse(response).select_one("main").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("url", "field"),
    [("/en/account/password/forgot/", "email"), ("/en/account/username/forgot/", "email")],
)
def test_known_and_unknown_addresses_get_the_same_answer(client, url, field):
    UserFactory(username="alextremblay", email="alex@example.com")
    with delivering():
        known = client.post(url, {field: "alex@example.com"}, follow=True)
        unknown = client.post(url, {field: "nobody@example.com"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert main_text(known) == main_text(unknown)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alex@example.com"]


def test_password_reset_email_is_in_the_preferred_language_in_text_and_html(client):
    UserFactory(username="alextremblay", email="alex@example.com", preferred_language="fr")
    with delivering():
        client.post("/en/account/password/forgot/", {"email": "alex@example.com"})
    message = mail.outbox[0]
    assert message.subject == "Réinitialiser le mot de passe de votre CléGC"
    assert "Pour choisir un nouveau mot de passe" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Choisissez un nouveau mot de passe" in html


def test_password_reset_link_lets_the_applicant_choose_a_new_password(client):
    user = UserFactory(username="alextremblay", email="alex@example.com")
    with delivering():
        client.post("/en/account/password/forgot/", {"email": "alex@example.com"})
    link = re.search(r"http://testserver(/en/account/password/reset/\S+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    response = client.post(form_url, {"password1": "Harbour2026Key", "password2": "Harbour2026Key"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Harbour2026Key")
    assert user.security_events.filter(kind="password_reset").exists()


def test_forgot_username_emails_the_username_in_the_preferred_language(client):
    UserFactory(username="alextremblay", email="alex@example.com", preferred_language="fr")
    with delivering():
        client.post("/en/account/username/forgot/", {"email": "ALEX@example.com"})
    message = mail.outbox[0]
    assert message.subject == "Le nom d’utilisateur de votre CléGC"
    assert "Nom d’utilisateur : alextremblay" in message.body
    assert "alextremblay" in message.alternatives[0][0]


def test_forgot_username_is_throttled_without_saying_so(client):
    UserFactory(username="alextremblay", email="alex@example.com")
    with delivering():
        answers = {
            main_text(
                client.post(
                    "/en/account/username/forgot/", {"email": "alex@example.com"}, follow=True
                )
            )
            for _ in range(8)
        }
    assert len(answers) == 1
    assert len(mail.outbox) == 5


def test_forgot_pages_are_linked_from_the_sign_in_form(client):
    soup = parse(client.get("/fr/compte/ouvrir-session/"))
    assert soup.find("a", href="/fr/compte/nom-utilisateur/oublie/")
    assert soup.find("a", href="/fr/compte/mot-de-passe/oublie/")
