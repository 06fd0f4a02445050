"""Sign in as the demo applicant, link the demo application, open it, read a message."""

import pyotp
import pytest
from django.core.management import call_command

from accounts.demo import DEMO_ACCOUNTS
from applications.models import Application, Message
from tests.browser.test_gckey_journey import Journey

# Transactional tests empty the database between tests: bring back what migrations made
# (the case officer group) before seeding.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO = DEMO_ACCOUNTS[0]
TEXT = {
    "en": {
        "start": "/en/account/sign-in/",
        "login": "GCKey username",
        "sign_in": "Sign in",
        "link": "Link an application",
        "number": "Application number",
        "family": "Family name",
        "submit": "Link the application",
    },
    "fr": {
        "start": "/fr/compte/ouvrir-session/",
        "login": "Nom d’utilisateur de la CléGC",
        "sign_in": "Ouvrir une session",
        "link": "Lier une demande",
        "number": "Numéro de demande",
        "family": "Nom de famille",
        "submit": "Lier la demande",
    },
}


@pytest.fixture
def demo_data(transactional_db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


@pytest.mark.parametrize("language", ["en", "fr"])
def test_link_open_and_read(live_server, page, csp_violations, demo_data, language):
    text = TEXT[language]
    journey = Journey(page, csp_violations)
    page.goto(live_server.url + text["start"])
    page.get_by_label(text["login"]).fill(DEMO["username"])
    page.locator("input[name=password]").fill(DEMO["password"])
    page.get_by_role("button", name=text["sign_in"], exact=True).click()
    page.locator("input[name=code]").fill(pyotp.TOTP(DEMO["totp_secret"]).now())
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    page.wait_for_selector("#applications-heading")
    if language == "fr":
        page.get_by_role("link", name="Français").click()
        page.wait_for_selector("html[lang=fr]")
    journey.scan()  # account home with three linked applications

    page.get_by_role("link", name=text["link"]).click()
    journey.scan()
    page.get_by_role("textbox", name=text["number"]).fill("E123456789")
    page.get_by_role("textbox", name=text["family"]).fill("TREMBLAY")
    page.get_by_role("button", name=text["submit"]).click()
    page.wait_for_selector(".steps-list")
    journey.scan()  # the application page
    assert Application.objects.get(number="E123456789").account.username == DEMO["username"]

    page.goto(
        live_server.url + page.url.split(live_server.url)[1].replace("E123456789", "W100000001")
    )
    page.locator("tr.unread a").first.click()
    page.wait_for_selector(".message-body")
    journey.scan()  # a message
    assert (
        Message.objects.filter(application__number="W100000001", read_at__isnull=True).count() == 0
    )
