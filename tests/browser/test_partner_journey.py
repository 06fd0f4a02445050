"""The Sign-In Partner journey in Chromium, through the stub broker served by the live server,
with axe on every page of it (the broker's pages and the failure pages included)."""

import pytest

from accounts.models import User
from tests.browser.test_gckey_journey import Journey

pytestmark = pytest.mark.browser

TEXT = {
    "en": {
        "start": "/en/sign-in/",
        "partner": "Continue to Sign-In Partner",
        "bank": "Maple Demo Bank",
        "bank_user": "Online banking username",
        "bank_password": "Online banking password",
        "bank_sign_in": "Sign in to the bank",
        "bank_wrong": "The username or password is not right.",
        "cancel": "Cancel and go back",
        "cancelled": "Sign-in with a Sign-In Partner cancelled",
        "share": "Share and continue",
        "continue": "Continue",
        "given": "Given name(s)",
        "family": "Family name",
        "birth": "Date of birth",
        "email": "Email address",
        "language": "English",
        "home_title": "My account - Canada.ca",
        "sign_out": "Sign out",
        "error": "We could not sign you in with a Sign-In Partner",
        "security": "/en/account/security/",
        "add_gckey": "Add a GCKey username and password",
        "username": "Choose a username",
        "password": "Choose a password",
        "confirm": "Confirm your password",
        "add": "Add GCKey",
        "remove_partner": "Remove Sign-In Partner",
        "stub_problem": "/en/demo-bank/choose/",
        "problem": "This sign-in request cannot continue",
    },
    "fr": {
        "start": "/fr/ouvrir-session/",
        "partner": "Continuer vers un partenaire de connexion",
        "bank": "Banque Érable (démo)",
        "bank_user": "Nom d’utilisateur des services bancaires en ligne",
        "bank_password": "Mot de passe des services bancaires en ligne",
        "bank_sign_in": "Ouvrir une session à la banque",
        "bank_wrong": "Le nom d’utilisateur ou le mot de passe est incorrect.",
        "cancel": "Annuler et revenir",
        "cancelled": "Connexion avec un partenaire de connexion annulée",
        "share": "Communiquer et continuer",
        "continue": "Continuer",
        "given": "Prénom(s)",
        "family": "Nom de famille",
        "birth": "Date de naissance",
        "email": "Adresse courriel",
        "language": "français",
        "home_title": "Mon compte - Canada.ca",
        "sign_out": "Fermer la session",
        "error": "Nous n’avons pas pu vous connecter avec un partenaire de connexion",
        "security": "/fr/compte/securite/",
        "add_gckey": "Ajouter un nom d’utilisateur et un mot de passe de CléGC",
        "username": "Choisissez un nom d’utilisateur",
        "password": "Choisissez un mot de passe",
        "confirm": "Confirmez votre mot de passe",
        "add": "Ajouter la CléGC",
        "remove_partner": "Retirer le partenaire de connexion",
        "stub_problem": "/fr/banque-demo/choisir/",
        "problem": "Cette demande de connexion ne peut pas continuer",
    },
}


@pytest.fixture
def live_broker(live_server, settings, transactional_db):
    """The stub broker at the live server's address, with its demo customers."""
    from partner_stub import demo
    from tests.partner.conftest import use_broker

    demo.load()
    use_broker(settings, live_server.url)
    return live_server


def to_broker(page, text):
    page.get_by_role("link", name=text["partner"]).click()
    page.get_by_role("button", name=text["partner"]).click()
    page.get_by_role("button", name=text["bank"]).wait_for()


def at_bank(page, text, password):
    page.get_by_role("button", name=text["bank"]).click()
    page.get_by_label(text["bank_user"]).fill("jordan.lee")
    page.get_by_label(text["bank_password"]).fill(password)
    page.get_by_role("button", name=text["bank_sign_in"]).click()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_partner_sign_in_profile_home_sign_out_and_back_to_the_same_account(
    live_broker, page, csp_violations, language
):
    text = TEXT[language]
    journey = Journey(page, csp_violations)
    page.goto(live_broker.url + text["start"])
    journey.scan()

    # A cancel first: at the chooser, back to the portal's page.
    page.get_by_role("link", name=text["partner"]).click()
    journey.scan()  # the portal's "you are leaving for the Sign-In Partner" page
    page.get_by_role("button", name=text["partner"]).click()
    page.get_by_role("button", name=text["bank"]).wait_for()
    journey.scan()  # the broker's chooser
    page.get_by_role("button", name=text["cancel"]).click()
    page.get_by_role("heading", level=1, name=text["cancelled"]).wait_for()
    journey.scan()
    assert page.url.startswith(live_broker.url + f"/{language}/")

    # Then the real thing, with a wrong bank password on the way.
    page.goto(live_broker.url + text["start"])
    to_broker(page, text)
    page.get_by_role("button", name=text["bank"]).click()
    page.get_by_label(text["bank_user"]).wait_for()
    journey.scan()  # the bank's sign-in, demo customers listed
    assert "jordan.lee" in page.locator("main").inner_text()
    page.get_by_label(text["bank_user"]).fill("jordan.lee")
    page.get_by_label(text["bank_password"]).fill("wrong")
    page.get_by_role("button", name=text["bank_sign_in"]).click()
    page.get_by_text(text["bank_wrong"]).wait_for()
    journey.scan()
    page.get_by_label(text["bank_user"]).fill("jordan.lee")
    page.get_by_label(text["bank_password"]).fill("Sunrise-2026")
    page.get_by_role("button", name=text["bank_sign_in"]).click()
    page.get_by_role("button", name=text["share"]).wait_for()
    journey.scan()  # the one-time consent
    page.get_by_role("button", name=text["share"]).click()

    # Back at the portal: the profile, with an error, then complete.
    page.wait_for_selector("input[name=given_names]")
    journey.scan()
    page.get_by_role("button", name=text["continue"]).click()
    page.locator(".error-summary").wait_for()
    journey.scan()
    page.get_by_label(text["given"]).fill("Jordan")
    page.get_by_label(text["family"]).fill("Lee")
    page.get_by_label(text["birth"]).fill("1991-04-02")
    page.get_by_label(text["email"]).fill("jordan@example.com")
    page.get_by_label(text["language"], exact=True).check()
    page.get_by_role("button", name=text["continue"]).click()
    page.wait_for_function(f"document.title === {text['home_title']!r}")
    assert "Jordan Lee" in page.locator("main").inner_text()
    journey.scan()
    user = User.objects.get()

    # Sign out, and in again: no consent this time, the same account, no two-step.
    page.get_by_role("button", name=text["sign_out"]).first.click()
    page.wait_for_url(live_broker.url + text["start"])
    to_broker(page, text)
    at_bank(page, text, "Sunrise-2026")
    page.wait_for_function(f"document.title === {text['home_title']!r}")
    assert "Jordan Lee" in page.locator("main").inner_text()
    assert User.objects.count() == 1
    assert User.objects.get().pk == user.pk

    # A failure page: a callback nobody started.
    page.goto(
        live_broker.url
        + (
            "/en/account/partner/partner/return/"
            if language == "en"
            else "/fr/compte/partenaire/partner/retour/"
        )
        + "?state=forged&code=forged"
    )
    page.get_by_role("heading", level=1, name=text["error"]).wait_for()
    journey.scan()

    # The security settings: add a GCKey username and password (an error first).
    page.goto(live_broker.url + text["security"])
    journey.scan()
    page.get_by_role("link", name=text["add_gckey"]).click()
    page.get_by_role("button", name=text["add"]).click()
    page.locator(".error-summary").wait_for()
    journey.scan()
    page.get_by_label(text["username"]).fill(f"jordan{language}lee")
    page.get_by_label(text["password"]).fill("Xylo2026abc")
    page.get_by_label(text["confirm"]).fill("Xylo2026abc")
    page.get_by_role("button", name=text["add"]).click()
    page.get_by_role("button", name=text["remove_partner"]).wait_for()
    journey.scan()
    assert User.objects.get().has_usable_password()

    # The broker's own page for a request it does not know.
    page.goto(live_broker.url + text["stub_problem"])
    page.get_by_role("heading", level=1, name=text["problem"]).wait_for()
    journey.scan()
    assert len(journey.scanned) >= 14
