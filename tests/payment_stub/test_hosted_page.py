"""The hosted payment page: each test card's outcome, in both languages, without JavaScript."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from payment_stub.models import CheckoutSession, Event
from payment_stub.services import settle_due
from tests.html import page_facts, parse
from tests.payment_stub.conftest import PORTAL, card, page_path

TEXT = {
    "en": {
        "title": "Pay IRCC - DemoPay test checkout",
        "error_title": "Error: Pay IRCC - DemoPay test checkout",
        "h1": "Pay IRCC",
        "amount": "$100.00",
        "big_amount": "$1,234.56",
        "pay": "Pay $100.00",
        "declined": "Your card was declined. Use another card.",
        "confirm_h1": "Confirm this payment with your bank",
        "confirm_title": "Confirm this payment with your bank - DemoPay test checkout",
        "complete": "This payment is already complete",
        "expired": "This payment page has expired",
        "not_found": "Payment page not found",
        "toggle": "Français",
        "cancel": "Cancel and return to IRCC",
        "summary_one": "There is a problem with what you entered",
    },
    "fr": {
        "title": "Payer IRCC - Paiement test DemoPay",
        "error_title": "Erreur\u00a0: Payer IRCC - Paiement test DemoPay",
        "h1": "Payer IRCC",
        "amount": "100,00\u00a0$",
        "big_amount": "1\u00a0234,56\u00a0$",
        "pay": "Payer 100,00\u00a0$",
        "declined": "Votre carte a été refusée. Utilisez une autre carte.",
        "confirm_h1": "Confirmez ce paiement auprès de votre banque",
        "confirm_title": "Confirmez ce paiement auprès de votre banque - Paiement test DemoPay",
        "complete": "Ce paiement est déjà effectué",
        "expired": "Cette page de paiement est expirée",
        "not_found": "Page de paiement introuvable",
        "toggle": "English",
        "cancel": "Annuler et revenir à IRCC",
        "summary_one": "Il y a un problème dans ce que vous avez entré",
    },
}
LANGUAGES = ["en", "fr"]
CANCEL_URL = f"{PORTAL}/en/fees/cancelled/"


def text_of(response):
    """The page's text, runs of ASCII white space made one (no-break spaces are kept)."""
    return re.sub(r"[ \t\r\n\f]+", " ", parse(response).get_text(" ")).strip()


def session_row(session):
    return CheckoutSession.objects.get(pk=session["id"])


def assert_pay_page(response, language, *, errors=False):
    assert response.status_code == 200
    facts = page_facts(response)
    assert facts["lang"] == language
    assert facts["title"] == TEXT[language]["error_title" if errors else "title"]
    assert facts["h1"] == [TEXT[language]["h1"]]
    return parse(response)


def error_of(soup, field_id):
    """The error message tied to an input, as a screen reader finds it."""
    field = soup.find(id=field_id)
    described = field.get("aria-describedby", "").split()
    errors = [soup.find(id=each) for each in described if each.endswith("-error")]
    assert field.get("aria-invalid") == ("true" if errors else None)
    return " ".join(error.get_text(" ", strip=True) for error in errors) or None


# --- The page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_shows_the_merchant_the_fee_and_a_card_form(checkout, client, language):
    session = checkout(language)
    assert f"/{language}/payment-stub/pay/" in session["url"]
    response = client.get(page_path(session))
    soup = assert_pay_page(response, language)
    text = text_of(response)
    assert "Visitor visa application fee" in text
    assert soup.select_one(".ps-amount").get_text(strip=True) == TEXT[language]["amount"]
    assert soup.select_one("button[name=pay]").get_text(" ", strip=True) == TEXT[language]["pay"]
    # Every input has its label, the card-autofill token and a numeric keyboard where it helps.
    expected = {
        "name": ("cc-name", None),
        "number": ("cc-number", "numeric"),
        "expiry": ("cc-exp", "numeric"),
        "cvc": ("cc-csc", "numeric"),
    }
    inputs = soup.select("form input:not([type=hidden])")
    assert [each["name"] for each in inputs] == list(expected)
    for each in inputs:
        assert soup.find("label", attrs={"for": each["id"]}).get_text(strip=True)
        assert (each["autocomplete"], each.get("inputmode")) == expected[each["name"]]
    assert soup.select_one("input[name=csrfmiddlewaretoken]")
    # The cancel button goes back to the merchant.
    cancel = soup.find("a", string=lambda s: s and TEXT[language]["cancel"] in s)
    assert cancel["href"] == CANCEL_URL
    # The test cards are listed.
    numbers = [code.get_text() for code in soup.select(".ps-card-number")]
    assert numbers == [
        "4242 4242 4242 4242",
        "4000 0000 0000 0002",
        "4000 0025 0000 3155",
        "4000 0000 0000 0077",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_the_providers_own_not_canada_ca(checkout, client, language):
    response = client.get(page_path(checkout(language)))
    html = response.content.decode()
    soup = parse(response)
    assert [link["href"] for link in soup.select("link[rel=stylesheet]")] == [
        "/static/payment_stub/checkout.css"
    ]
    assert "gcweb" not in html.lower()
    assert "wet-boew" not in html.lower()
    assert " style=" not in html
    assert "<script" not in html
    assert len(soup.find_all("h1")) == 1
    toggle = soup.select_one(".ps-lang")
    other = "fr" if language == "en" else "en"
    assert toggle.get_text(strip=True) == TEXT[language]["toggle"]
    assert toggle["href"].startswith(f"/{other}/payment-stub/pay/cs_")
    assert (toggle["lang"], toggle["hreflang"]) == (other, other)
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_toggle_leads_to_the_same_session_in_the_other_language(checkout, client):
    session = checkout("en")
    soup = parse(client.get(page_path(session)))
    href = soup.select_one(".ps-lang")["href"]
    assert href == f"/fr/payment-stub/pay/{session['id']}/"
    assert page_facts(client.get(href))["lang"] == "fr"


def test_amounts_are_written_per_language(checkout, client):
    for language in LANGUAGES:
        session = checkout(language, amount=123456)
        soup = parse(client.get(page_path(session)))
        assert soup.select_one(".ps-amount").get_text(strip=True) == TEXT[language]["big_amount"]


def test_the_page_allows_the_form_to_send_the_browser_back_to_another_host(checkout, client):
    session = checkout(
        success_url="https://portal.example/en/fees/return/",
        cancel_url="https://portal.example/en/fees/cancelled/",
    )
    response = client.get(page_path(session))
    form_action = next(
        part
        for part in response["Content-Security-Policy"].split(";")
        if part.strip().startswith("form-action")
    )
    assert "https://portal.example" in form_action.split()
    assert "'self'" in form_action.split()


@pytest.mark.parametrize("language", LANGUAGES)
def test_french_pages_are_in_french(checkout, client, language):
    text = text_of(client.get(page_path(checkout(language))))
    french = ["Numéro de la carte", "Date d’expiration", "Cartes de test", "Mode test\u00a0:"]
    english = ["Card number", "Expiry date", "Test cards", "Test mode:"]
    if language == "fr":
        assert all(each in text for each in french), text
        assert not any(each in text for each in english), text
    else:
        assert all(each in text for each in english), text
        assert not any(each in text for each in french), text


# --- The test cards -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_succeeding_card_pays_and_returns_to_the_merchant(
    checkout, client, committed, transport, language
):
    session = checkout(language)
    with committed():
        response = client.post(page_path(session), card("succeeds"))
    assert response.status_code == 303
    assert response["Location"] == f"{PORTAL}/en/fees/return/?session_id={session['id']}"
    row = session_row(session)
    assert (row.status, row.payment_status) == ("complete", "paid")
    assert row.payment_intent.startswith("pi_")
    assert row.card_last4 == "4242"
    assert transport.types() == ["checkout.session.completed"]
    paid = transport.events()[0]["data"]["object"]
    assert paid["id"] == session["id"]
    assert (paid["status"], paid["payment_status"]) == ("complete", "paid")
    assert paid["payment_intent"] == row.payment_intent


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_declined_card_says_so_and_charges_nothing(
    checkout, client, committed, transport, language
):
    session = checkout(language)
    with committed():
        response = client.post(page_path(session), card("declined"))
    soup = assert_pay_page(response, language, errors=True)
    assert error_of(soup, "card-number").endswith(TEXT[language]["declined"])
    summary = soup.select_one(".ps-error-summary")
    assert summary.h2.get_text(strip=True) == TEXT[language]["summary_one"]
    assert [(a["href"], a.get_text(strip=True)) for a in summary.select("a")] == [
        ("#card-number", TEXT[language]["declined"])
    ]
    row = session_row(session)
    assert (row.status, row.payment_status, row.payment_intent) == ("open", "unpaid", None)
    assert transport.calls == []
    assert not Event.objects.exists()
    # The name and expiry are kept; the security code is never written back.
    assert soup.find(id="card-name")["value"] == "Alex Tremblay"
    assert soup.find(id="card-cvc")["value"] == ""
    # Another card then pays.
    with committed():
        assert client.post(page_path(session), card("succeeds")).status_code == 303
    assert session_row(session).payment_status == "paid"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_card_that_needs_the_banks_confirmation(
    checkout, client, committed, transport, language
):
    session = checkout(language)
    response = client.post(page_path(session), card("confirm"))
    assert response.status_code == 303
    confirm_url = response["Location"]
    assert confirm_url == f"/{language}/payment-stub/pay/{session['id']}/confirm/"
    assert session_row(session).status == "open"  # nothing paid yet
    page = client.get(confirm_url)
    facts = page_facts(page)
    assert (facts["lang"], facts["h1"]) == (language, [TEXT[language]["confirm_h1"]])
    assert facts["title"] == TEXT[language]["confirm_title"]
    assert TEXT[language]["amount"] in text_of(page)
    assert "3155" in text_of(page)
    with committed():
        response = client.post(confirm_url, {"confirm": "1"})
    assert response.status_code == 303
    assert response["Location"] == f"{PORTAL}/en/fees/return/?session_id={session['id']}"
    assert session_row(session).payment_status == "paid"
    assert transport.types() == ["checkout.session.completed"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_refusing_the_banks_confirmation_declines_the_card(
    checkout, client, committed, transport, language
):
    session = checkout(language)
    confirm_url = client.post(page_path(session), card("confirm"))["Location"]
    with committed():
        response = client.post(confirm_url, {"refuse": "1"})
    soup = assert_pay_page(response, language, errors=True)
    assert error_of(soup, "card-number").endswith(TEXT[language]["declined"])
    row = session_row(session)
    assert (row.status, row.payment_status, row.awaiting_confirmation) == ("open", "unpaid", False)
    assert transport.calls == []
    # The confirmation page is gone: back to the card form.
    response = client.get(confirm_url)
    assert response.status_code == 303
    assert response["Location"] == page_path(session)


def test_the_confirmation_page_needs_a_card_that_asked_for_it(checkout, client):
    session = checkout()
    response = client.post(page_path(session) + "confirm/", {"confirm": "1"})
    assert response.status_code == 303
    assert response["Location"] == page_path(session)
    assert session_row(session).status == "open"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_slow_card_returns_at_once_and_is_paid_later(
    api, checkout, client, committed, transport, language
):
    session = checkout(language)
    before = timezone.now()
    with committed():
        response = client.post(page_path(session), card("slow"))
    assert response.status_code == 303
    assert response["Location"] == f"{PORTAL}/en/fees/return/?session_id={session['id']}"
    row = session_row(session)
    assert (row.status, row.payment_status) == ("complete", "processing")
    assert row.payment_intent.startswith("pi_")
    assert timedelta(seconds=7) < row.settles_at - before < timedelta(seconds=9)
    assert transport.calls == []  # nothing is said before the payment is final
    with committed():
        status = api.get(session["id"]).json()
    assert status["payment_status"] == "processing"
    assert settle_due(now=row.settles_at - timedelta(seconds=1)) == 0
    assert transport.calls == []
    with committed():
        assert settle_due(now=row.settles_at) == 1
    assert session_row(session).payment_status == "paid"
    assert transport.types() == ["checkout.session.completed"]
    assert transport.events()[0]["data"]["object"]["payment_status"] == "paid"
    with committed():
        assert settle_due(now=row.settles_at + timedelta(seconds=60)) == 0  # once only
    assert api.get(session["id"]).json()["payment_status"] == "paid"
    assert len(transport.calls) == 1


def test_a_status_query_settles_a_slow_payment_whose_time_has_come(
    api, checkout, client, committed, transport
):
    session = checkout()
    client.post(page_path(session), card("slow"))
    CheckoutSession.objects.filter(pk=session["id"]).update(
        settles_at=timezone.now() - timedelta(seconds=1)
    )
    with committed():
        status = api.get(session["id"]).json()
    assert (status["status"], status["payment_status"]) == ("complete", "paid")
    assert transport.types() == ["checkout.session.completed"]


# --- The form's checks --------------------------------------------------------------------------

FIELD_ERRORS = [
    # field, value, English, French
    ("card-name", {"name": ""}, "Enter the name on the card.", "Entrez le nom sur la carte."),
    (
        "card-name",
        {"name": "A" * 101},
        "The name on the card must be 100 characters or fewer.",
        "Le nom sur la carte doit compter au plus 100 caractères.",
    ),
    ("card-number", {"number": ""}, "Enter the card number.", "Entrez le numéro de la carte."),
    (
        "card-number",
        {"number": "4242 4242 4242 424x"},
        "Enter the card number with digits only, for example 4242 4242 4242 4242.",
        "Entrez le numéro de la carte en chiffres seulement, par exemple 4242 4242 4242 4242.",
    ),
    (
        "card-number",
        {"number": "4242 4242 4242 4241"},
        "This card number is not valid. Check it and enter it again.",
        "Ce numéro de carte n’est pas valide. Vérifiez-le et entrez-le de nouveau.",
    ),
    (
        "card-number",
        {"number": "4242"},
        "This card number is not valid. Check it and enter it again.",
        "Ce numéro de carte n’est pas valide. Vérifiez-le et entrez-le de nouveau.",
    ),
    (
        "card-number",
        {"number": "5555 5555 5555 4444"},
        "This demonstration provider takes only the test cards listed on this page. "
        "Never enter a real card number.",
        "Ce fournisseur de démonstration n’accepte que les cartes de test énumérées sur cette "
        "page. N’entrez jamais un vrai numéro de carte.",
    ),
    (
        "card-expiry",
        {"expiry": ""},
        "Enter the expiry date of the card.",
        "Entrez la date d’expiration de la carte.",
    ),
    (
        "card-expiry",
        {"expiry": "August 2029"},
        "Enter the expiry date as MM/YY, for example 08/29.",
        "Entrez la date d’expiration au format MM/AA, par exemple 08/29.",
    ),
    (
        "card-expiry",
        {"expiry": "13/29"},
        "The month of the expiry date must be from 01 to 12.",
        "Le mois de la date d’expiration doit être entre 01 et 12.",
    ),
    (
        "card-expiry",
        {"expiry": "12/20"},
        "This card has expired. Check the expiry date or use another card.",
        "Cette carte est expirée. Vérifiez la date d’expiration ou utilisez une autre carte.",
    ),
    (
        "card-cvc",
        {"cvc": ""},
        "Enter the security code (CVC).",
        "Entrez le code de sécurité (CVC).",
    ),
    (
        "card-cvc",
        {"cvc": "12"},
        "Enter the security code: 3 or 4 digits.",
        "Entrez le code de sécurité\u00a0: 3 ou 4 chiffres.",
    ),
    (
        "card-cvc",
        {"cvc": "12345"},
        "Enter the security code: 3 or 4 digits.",
        "Entrez le code de sécurité\u00a0: 3 ou 4 chiffres.",
    ),
    (
        "card-cvc",
        {"cvc": "١٢٣"},  # Arabic-Indic digits are digits to Python, not to a card network
        "Enter the security code: 3 or 4 digits.",
        "Entrez le code de sécurité\u00a0: 3 ou 4 chiffres.",
    ),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("field_id", "change", "english", "french"),
    FIELD_ERRORS,
    ids=[f"{each[0]}-{list(each[1].values())[0][:8]}" for each in FIELD_ERRORS],
)
def test_each_mistake_has_a_clear_message_tied_to_its_field(
    checkout, client, language, field_id, change, english, french
):
    session = checkout(language)
    response = client.post(page_path(session), card("succeeds", **change))
    soup = assert_pay_page(response, language, errors=True)
    message = english if language == "en" else french
    assert error_of(soup, field_id).endswith(message)
    links = [(a["href"], a.get_text(strip=True)) for a in soup.select(".ps-error-summary a")]
    assert links == [(f"#{field_id}", message)]
    assert session_row(session).status == "open"


def test_the_summary_lists_every_mistake_in_the_order_of_the_form(checkout, client):
    session = checkout()
    response = client.post(page_path(session), {"pay": "1"})
    soup = assert_pay_page(response, "en", errors=True)
    summary = soup.select_one(".ps-error-summary")
    assert summary.h2.get_text(" ", strip=True) == "There are 4 problems with what you entered"
    assert [a["href"] for a in summary.select("a")] == [
        "#card-name",
        "#card-number",
        "#card-expiry",
        "#card-cvc",
    ]


@pytest.mark.parametrize("expiry", ["current", "8/2039", "0839", "08 / 39"])
@pytest.mark.parametrize("number", ["4242424242424242", "4242-4242-4242-4242"])
def test_accepted_ways_of_writing_the_card(checkout, client, expiry, number):
    if expiry == "current":
        today = timezone.localdate()
        expiry = f"{today.month:02d}/{today.year % 100:02d}"  # good to the end of the month
    session = checkout()
    response = client.post(page_path(session), card("succeeds", number=number, expiry=expiry))
    assert response.status_code == 303, text_of(response)


def test_last_month_is_expired(checkout, client):
    first = timezone.localdate().replace(day=1)
    last_month = first - timedelta(days=1)
    expiry = f"{last_month.month:02d}/{last_month.year % 100:02d}"
    response = client.post(page_path(checkout()), card("succeeds", expiry=expiry))
    assert error_of(parse(response), "card-expiry").endswith(
        "This card has expired. Check the expiry date or use another card."
    )


def test_the_form_needs_its_csrf_token(checkout):
    session = checkout()
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(page_path(session), card("succeeds"))
    assert response.status_code == 403
    assert session_row(session).status == "open"
    # With the token from the page, it pays.
    page = parse(browser.get(page_path(session)))
    token = page.select_one("input[name=csrfmiddlewaretoken]")["value"]
    response = browser.post(page_path(session), {**card("succeeds"), "csrfmiddlewaretoken": token})
    assert response.status_code == 303


# --- Sessions that cannot be paid ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_complete_session_is_not_paid_twice(checkout, client, committed, transport, language):
    session = checkout(language)
    with committed():
        client.post(page_path(session), card("succeeds"))
    intent = session_row(session).payment_intent
    for response in (
        client.get(page_path(session)),
        client.post(page_path(session), card("succeeds")),
        client.get(page_path(session) + "confirm/"),
    ):
        assert response.status_code == 200
        facts = page_facts(response)
        assert (facts["lang"], facts["h1"]) == (language, [TEXT[language]["complete"]])
        back = parse(response).select_one("main a.ps-button")["href"]
        assert back == f"{PORTAL}/en/fees/return/?session_id={session['id']}"
    assert session_row(session).payment_intent == intent
    assert transport.types() == ["checkout.session.completed"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_expired_session_cannot_be_paid(api, checkout, client, language):
    session = checkout(language)
    api.expire(session["id"])
    for response in (
        client.get(page_path(session)),
        client.post(page_path(session), card("succeeds")),
    ):
        assert response.status_code == 200
        facts = page_facts(response)
        assert (facts["lang"], facts["h1"]) == (language, [TEXT[language]["expired"]])
        assert parse(response).select_one("main a.ps-button")["href"] == CANCEL_URL
    row = session_row(session)
    assert (row.status, row.payment_status, row.payment_intent) == ("expired", "unpaid", None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_session_is_a_404_in_the_providers_look(db, client, language):
    response = client.get(f"/{language}/payment-stub/pay/cs_nothing/")
    assert response.status_code == 404
    facts = page_facts(response)
    assert (facts["lang"], facts["h1"]) == (language, [TEXT[language]["not_found"]])
    assert parse(response).select_one("link[rel=stylesheet]")["href"].endswith("checkout.css")
    assert (
        client.post(f"/{language}/payment-stub/pay/cs_nothing/", card("succeeds")).status_code
        == 404
    )
    assert client.get(f"/{language}/payment-stub/pay/cs_nothing/confirm/").status_code == 404


def test_the_page_answers_head_and_refuses_other_methods(checkout, client):
    session = checkout()
    assert client.head(page_path(session)).status_code == 200
    assert client.put(page_path(session)).status_code == 405
    assert urlsplit(session["url"]).path == page_path(session)
