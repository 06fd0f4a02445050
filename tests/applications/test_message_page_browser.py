"""The message page in Chromium, with a letter, a thread and the reply form: no axe violation,
no sideways scrolling at 320 px, no word of the other language, in both languages; the reply
form works in the browser (a plain post: tests/applications/test_message_replies.py)."""

import pytest
from django.core.files.base import ContentFile

from applications.models import Message, MessageReply
from tests.browser.test_crawl import page_problems
from tests.factories import ApplicationFactory, MessageFactory

pytestmark = pytest.mark.browser

TEXTS = {
    "en": {"path": "/en/account/applications", "send": "Send", "sent": "Your reply was sent."},
    "fr": {
        "path": "/fr/compte/demandes",
        "send": "Envoyer",
        "sent": "Votre réponse a été envoyée.",
    },
}


@pytest.fixture
def letters_dir(monkeypatch, tmp_path):
    from django.core.files.storage import FileSystemStorage

    field = Message._meta.get_field("letter")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=str(tmp_path)))
    return tmp_path


@pytest.fixture
def applicant_page(live_server, browser, transactional_db):
    from django.conf import settings
    from django.test import Client

    from tests.conftest import DEMO_TOTP_SECRET
    from tests.factories import UserFactory

    user = UserFactory(username="browserapplicant", totp_secret=DEMO_TOTP_SECRET)
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.user = user
    yield page
    context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_message_page_passes_the_checks_and_replies_work_without_javascript(
    live_server, applicant_page, letters_dir, language
):
    page, text = applicant_page, TEXTS[language]
    application = ApplicationFactory(number="W100000001", account=page.user)
    message = MessageFactory(application=application, allows_reply=True)
    message.letter.save("letter.pdf", ContentFile(b"%PDF-1.7\n" + b"0" * 2000), save=False)
    message.letter_name = "Lettre-de-decision-tres-longue-sans-espaces-pour-les-petits-ecrans.pdf"
    message.letter_size = 2009
    message.save()
    MessageReply.objects.create(
        message=message, sent_by=page.user, body="W100000001 " + "a" * 300 + " [redacted: sin]"
    )
    url = f"{live_server.url}{text['path']}/W100000001/messages/{message.pk}/"

    response = page.goto(url)
    problems, _title = page_problems(page, response, language, None)
    assert problems == []

    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=text["send"], exact=True).click()
    problems, _title = page_problems(page, navigation.value, language, None)
    assert problems == []
    assert page.locator(".error-summary").count() == 1

    page.locator("textarea[name=body]").fill("Thank you.")
    with page.expect_navigation():
        page.get_by_role("button", name=text["send"], exact=True).click()
    assert text["sent"] in page.locator("main").inner_text()
    assert page.locator(".thread-you").count() == 2
    assert MessageReply.objects.filter(message=message).count() == 2
