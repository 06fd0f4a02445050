from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.models import SupportRequest
from tests.html import parse

pytestmark = pytest.mark.django_db

URLS = {"en": "/en/technical-difficulties/", "fr": "/fr/difficultes-techniques/"}
SENT = {"en": "/en/technical-difficulties/sent/", "fr": "/fr/difficultes-techniques/envoyee/"}


def data(**extra):
    return {
        "kind": "technical",
        "where": "Sign in",
        "description": "The page says error 500. Call me at 613-555-0199, SIN 046 454 286.",
        "email": "applicant@example.com",
        "consent": "on",
        **extra,
    }


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def send(language="en", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URLS[language], data(**extra))

    return send


def test_the_sign_in_page_links_to_the_web_form(client):
    page = parse(client.get("/fr/ouvrir-session/"))
    assert page.find("a", href=URLS["fr"]).get_text() == "Accéder au formulaire Web"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_request_is_stored_redacted_and_answered_with_a_reference(
    client, send, mailoutbox, language
):
    response = send(language)
    assert response.status_code == 302
    assert response["Location"] == SENT[language]
    stored = SupportRequest.objects.get()
    assert stored.description == (
        "The page says error 500. Call me at [redacted: phone], SIN [redacted: sin]."
    )
    assert stored.email == "applicant@example.com"
    assert stored.language == language
    assert stored.kind == "technical"
    assert stored.consent_at is not None
    page = parse(client.get(response["Location"]))
    assert page.select_one(".reference").get_text() == stored.reference
    ten_days = {"en": "ten business days", "fr": "dix jours ouvrables"}[language]
    assert ten_days in page.select_one("main").get_text()

    (email,) = mailoutbox
    assert email.to == ["applicant@example.com"]
    assert stored.reference in email.subject
    html, mime = email.alternatives[0]
    assert mime == "text/html"
    greeting = {"en": "Thank you for contacting us", "fr": "Merci de nous avoir écrit"}[language]
    for text in (email.body, html):
        assert greeting in text
        assert stored.reference in text
    assert "613-555-0199" not in email.body + html
    # Nothing the sender wrote is quoted: the form is no relay to the address typed in it.
    assert "The page says error 500" not in email.body + html
    assert "[redacted" not in email.body + html
    assert f'<html lang="{language}">' in html


def test_the_same_description_from_the_same_email_within_a_day_is_not_stored_twice(
    client, send, mailoutbox
):
    send()
    first = SupportRequest.objects.get()
    from django.core.cache import cache

    cache.clear()  # past the double-click guard: only the day's check is left
    response = send(email="APPLICANT@example.com ")
    assert SupportRequest.objects.count() == 1
    page = parse(client.get(response["Location"]))
    assert page.h1.get_text() == "You already sent this request"
    assert page.select_one(".reference").get_text() == first.reference
    assert len(mailoutbox) == 1


def test_a_double_click_stores_one_request(client, send):
    send()
    response = send()
    assert SupportRequest.objects.count() == 1
    assert "already" in parse(client.get(response["Location"])).h1.get_text()


def test_the_same_description_a_day_later_is_a_new_request(send):
    send()
    SupportRequest.objects.update(received_at=timezone.now() - timedelta(days=1, minutes=1))
    from django.core.cache import cache

    cache.clear()
    send()
    assert SupportRequest.objects.count() == 2


def test_another_email_with_the_same_description_is_a_new_request(send):
    send()
    send(email="other@example.com")
    assert SupportRequest.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "x" * 2001, "Ensure this value has at most 2000 characters"),
        ("description", "", "This field is required."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("kind", "hacking", "Select a valid choice."),
        ("consent", "", "You must accept the privacy notice"),
    ],
)
def test_bad_fields_are_explained_and_nothing_is_stored(send, field, value, message):
    response = send(**{field: value})
    assert response.status_code == 200
    page = parse(response)
    assert message in page.select_one(".error-summary").get_text()
    widget = page.select_one(f'[name="{field}"]')
    assert widget["aria-invalid"] == "true"
    assert f"id_{field}_error" in widget["aria-describedby"]
    assert not SupportRequest.objects.exists()


def test_errors_are_in_french_on_the_french_form(send):
    page = parse(send("fr", consent=""))
    assert "Vous devez accepter l'avis de confidentialité" in page.select_one(
        ".error-summary"
    ).get_text().replace("&#x27;", "'")


def test_a_filled_honeypot_is_quietly_dropped(send):
    response = send(website="http://spam.example")
    assert response["Location"] == SENT["en"]
    assert not SupportRequest.objects.exists()


def test_an_address_that_sends_too_many_is_refused_with_a_message(send, settings):
    settings.FEEDBACK_SUPPORT_REQUEST_LIMIT = 2
    for number in range(2):
        send(description=f"Problem number {number}")
    response = send(description="Problem number three")
    assert response.status_code == 429
    assert "wait an hour" in parse(response).select_one(".error-summary").get_text()
    assert SupportRequest.objects.count() == 2


def test_the_confirmation_without_a_request_says_where_the_reference_is(client):
    page = parse(client.get(SENT["en"]))
    assert page.select_one(".reference") is None
    assert "acknowledgement email" in page.select_one("main").get_text()


def test_the_web_form_keeps_django_s_csrf_check(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URLS["fr"], data())
    assert response.status_code == 403
    assert "vérification de sécurité" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_acknowledgement_never_relays_links_or_text(send, mailoutbox):
    send(description="Win a prize at http://evil.example/claim now, friends!")
    (email,) = mailoutbox
    html = email.alternatives[0][0]
    for text in (email.body, html, email.subject):
        assert "evil.example" not in text
        assert "prize" not in text


class BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_mail_server_that_is_down_never_turns_a_stored_request_into_a_500(send, settings):
    settings.EMAIL_BACKEND = "tests.feedback.test_support_request.BrokenMailServer"
    response = send()
    assert response.status_code == 302
    assert SupportRequest.objects.count() == 1


def test_the_page_or_step_field_is_redacted_too(send):
    send(where="Sign in, my SIN 046 454 286, phone 613-555-0199")
    assert (
        SupportRequest.objects.get().where
        == "Sign in, my SIN [redacted: sin], phone [redacted: phone]"
    )
