"""The GCKey journey in Chromium, with axe on every page of it, error states included."""

import re
import time

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe

from accounts.models import User
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

TEXT = {
    "en": {
        "start": "/en/sign-in/",
        "register": "Register",
        "terms": "I have read",
        "username": "Choose a username",
        "password": "Choose a password",
        "confirm": "Confirm your password",
        "email": "Recovery email address",
        "code": "Authenticator code",
        "turn_on": "Turn on two-step verification",
        "sign_out": "Sign out",
        "gckey": "Continue to GCKey",
        "login": "GCKey username",
        "login_password": "Password",
        "sign_in": "Sign in",
        "code_label": "Code",
        "given": "Given name(s)",
        "family": "Family name",
        "birth": "Date of birth",
        "language": "English",
        "continue": "Continue",
        "home_title": "My account - Canada.ca",
    },
    "fr": {
        "start": "/fr/ouvrir-session/",
        "register": "S’inscrire",
        "terms": "J’ai lu",
        "username": "Choisissez un nom d’utilisateur",
        "password": "Choisissez un mot de passe",
        "confirm": "Confirmez votre mot de passe",
        "email": "Adresse courriel de récupération",
        "code": "Code de l'authentificateur",
        "turn_on": "Activer la vérification en deux étapes",
        "sign_out": "Fermer la session",
        "gckey": "Continuer vers CléGC",
        "login": "Nom d’utilisateur de la CléGC",
        "login_password": "Mot de passe",
        "sign_in": "Ouvrir une session",
        "code_label": "Code",
        "given": "Prénom(s)",
        "family": "Nom de famille",
        "birth": "Date de naissance",
        "language": "français",
        "continue": "Continuer",
        "home_title": "Mon compte - Canada.ca",
    },
}


class Journey:
    def __init__(self, page, csp_violations):
        self.page = page
        self.csp_violations = csp_violations
        self.scanned = []

    def scan(self):
        results = Axe().run(self.page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{self.page.url}\n{results.generate_report()}"
        assert self.csp_violations == [], self.page.url
        self.scanned.append(self.page.url)


def fresh_code(secret, previous):
    """A code allauth has not seen: it refuses one twice, and accepts the next window's."""
    totp = pyotp.TOTP(secret)
    code = totp.now()
    return totp.at(time.time() + 30) if code == previous else code


@pytest.mark.parametrize("language", ["en", "fr"])
def test_register_set_up_two_step_sign_out_sign_in_complete_profile(
    live_server, page, csp_violations, transactional_db, language
):
    text = TEXT[language]
    journey = Journey(page, csp_violations)
    username = f"journey{language}qqq"

    page.goto(live_server.url + text["start"])
    journey.scan()
    page.get_by_role("link", name=text["register"], exact=True).click()
    journey.scan()

    # An error state first: nothing filled in.
    page.get_by_role("button", name=text["register"], exact=True).click()
    page.locator(".error-summary:focus").wait_for()  # focus moved to the summary
    journey.scan()

    page.get_by_label(text["terms"]).check()
    page.get_by_label(text["username"]).fill(username)
    page.get_by_label(text["password"]).fill("Xylo2026abc")
    page.get_by_label(text["confirm"]).fill("Xylo2026abc")
    page.get_by_label(text["email"]).fill(f"{username}@example.com")
    page.get_by_role("button", name=text["register"], exact=True).click()

    # Two-step set-up, with an error state, then the right code.
    page.wait_for_selector("#totp-secret")
    journey.scan()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label(text["code"]).fill("000000")
    page.get_by_role("button", name=text["turn_on"]).click()
    page.locator(".error-summary").wait_for()
    journey.scan()
    first_code = pyotp.TOTP(secret).now()
    page.get_by_label(text["code"]).fill(first_code)
    page.get_by_role("button", name=text["turn_on"]).click()
    page.wait_for_selector(".recovery-codes code")  # the new codes, shown once set up
    journey.scan()

    page.get_by_role("button", name=text["sign_out"]).first.click()
    page.wait_for_url(live_server.url + text["start"])

    page.get_by_role("link", name=text["gckey"]).click()
    journey.scan()
    page.get_by_label(text["login"]).fill(username)
    page.get_by_label(re.compile("^" + re.escape(text["login_password"]) + " ")).fill(
        "Wrong2026Pass"
    )
    page.get_by_role("button", name=text["sign_in"], exact=True).click()
    page.locator(".error-summary").wait_for()
    journey.scan()
    page.get_by_label(text["login"]).fill(username)
    page.get_by_label(re.compile("^" + re.escape(text["login_password"]) + " ")).fill("Xylo2026abc")
    page.get_by_role("button", name=text["sign_in"], exact=True).click()
    page.wait_for_selector("input[name=code]")
    journey.scan()
    page.locator("input[name=code]").fill(fresh_code(secret, previous=first_code))
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()

    # First sign-in: the profile, with an error, then complete.
    page.wait_for_selector("input[name=given_names]")
    page.get_by_role("button", name=text["continue"]).click()
    page.locator(".error-summary").wait_for()
    journey.scan()
    page.get_by_label(text["given"]).fill("Marie")
    page.get_by_label(text["family"]).fill("Côté")
    page.get_by_label(text["birth"]).fill("1988-07-14")
    page.get_by_label(text["language"], exact=True).check()
    page.get_by_role("button", name=text["continue"]).click()

    page.wait_for_selector("h1")
    assert page.title() == text["home_title"]
    assert "Marie Côté" in page.locator("main").inner_text()
    journey.scan()
    user = User.objects.get(username=username)
    assert user.has_complete_profile
    assert user.preferred_language == language
    assert len(journey.scanned) >= 10
