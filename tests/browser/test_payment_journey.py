"""Pay a fee from start to end in each language: review → declaration → pay → the provider's
page (a separate party, in its own look) → a test card → back → receipt. The French run has
JavaScript off: the waiting page's "Check again" link does what the script does."""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from applications.models import Application
from payments.models import Payment
from tests.apply_online.conftest import CONTACT, HISTORY, PASSPORT, PERSONAL, png
from tests.browser.test_apply_journey import _signed_in_context
from tests.browser.test_gckey_journey import Journey
from tests.payments.conftest import VISIT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "continue": "Continue to payment",
        "pay": "Pay $100.00",
        "card_pay": "Pay $100.00",
        "declined": "declined",
        "check": "Check again",
        "receipt": "Payment receipt",
    },
    "fr": {
        "continue": "Continuer vers le paiement",
        "pay": "Payer 100,00\u00a0$",
        "card_pay": "Payer 100,00\u00a0$",
        "declined": "refusée",
        "check": "Vérifier de nouveau",
        "receipt": "Reçu de paiement",
    },
}


@pytest.fixture
def provider(live_server, settings):
    """The portal's provider is the stub on the live server, which knows the portal's webhook."""
    settings.PAYMENT_PROVIDER_URL = live_server.url + "/payment-stub"
    call_command(
        "payment_stub_merchant",
        name="IRCC secure account",
        api_key=settings.PAYMENT_API_KEY,
        webhook_secret=settings.PAYMENT_WEBHOOK_SECRET,
        webhook_url=live_server.url + "/payments/webhook/",
        verbosity=0,
    )


def _ready_draft(user):
    from django.core.files.base import ContentFile

    from applications.models import ApplicationType
    from apply_online.demo import FIXTURE, forms_load
    from apply_online.models import ChecklistItem
    from apply_online.services import document_attach, draft_section_save, draft_start

    forms_load(json.loads(FIXTURE.read_text(encoding="utf-8")))
    visitor = ApplicationType.objects.get(code="visitor-visa")
    draft = draft_start(user=user, application_type=visitor)
    for position, typed in enumerate([PERSONAL, PASSPORT, CONTACT, VISIT, HISTORY], start=1):
        draft_section_save(
            draft_id=draft.pk, user=user, position=position, typed=typed, complete=True
        )
    for code in ("passport", "photo", "funds"):
        document_attach(
            draft_id=draft.pk,
            user=user,
            item=ChecklistItem.objects.get(type=visitor, code=code),
            content=ContentFile(png()),
            mime="image/png",
            name=f"{code}.png",
        )
    return draft


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("fr", False)])
def test_review_pay_declined_then_paid_receipt(
    live_server, browser, provider, language, javascript
):
    text = TEXT[language]
    context, user = _signed_in_context(browser, live_server, javascript)
    user.given_names, user.family_name = "Marie Ève", "Côté-O’Brien"
    user.save()
    draft = _ready_draft(user)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    journey = Journey(page, violations)
    scan = journey.scan if javascript else (lambda: None)
    try:
        page.set_viewport_size({"width": 320, "height": 800})
        with translation.override(language):
            review = reverse("draft_review", args=[draft.pk])
        page.goto(live_server.url + review)
        scan()
        page.locator("input[name=full_name]").fill("Marie Ève Côté-O’Brien")
        page.locator("input[name=agree]").check()
        page.get_by_role("button", name=text["continue"]).click()
        scan()  # the pay page
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.get_by_role("button", name=text["pay"]).click()

        # The provider's page: its own look, the same language.
        page.wait_for_url(re.compile(rf"/{language}/payment-stub/pay/"))
        assert page.evaluate("document.documentElement.lang") == language
        scan()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        fields = page.locator("form input:not([type=hidden])")
        card = {"number": "4000 0000 0000 0002", "name": "Marie Côté", "expiry": "12/39"}
        fields.nth(0).fill(card["name"])
        fields.nth(1).fill(card["number"])
        fields.nth(2).fill(card["expiry"])
        fields.nth(3).fill("123")
        page.get_by_role("button", name=text["card_pay"]).click()
        assert text["declined"] in page.content()
        scan()  # the error state
        fields = page.locator("form input:not([type=hidden])")
        fields.nth(1).fill("4242 4242 4242 4242")
        fields.nth(3).fill("123")
        page.get_by_role("button", name=text["card_pay"]).click()

        # Back at the portal: the receipt once the provider's signed event (or a status
        # query) confirms the payment, never on the browser's word alone.
        for _ in range(20):
            if page.locator("h1", has_text=text["receipt"]).count():
                break
            if not javascript and page.get_by_role("link", name=text["check"]).count():
                page.wait_for_timeout(500)
                page.get_by_role("link", name=text["check"]).click()
            else:
                page.wait_for_timeout(500)
        page.locator("h1", has_text=text["receipt"]).wait_for()
        scan()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
    payment = Payment.objects.get(draft=draft)
    assert payment.status == Payment.Status.PAID
    assert Application.objects.filter(account=user).count() == 1
    assert settings.PAYMENT_PROVIDER_URL.startswith(live_server.url)
