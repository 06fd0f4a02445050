"""Apply online from start to end, in each language: questionnaire → code → draft → documents
→ review → submission. The French run has JavaScript off: every step works without it."""

import re

import pytest
from django.conf import settings
from django.test import Client

from applications.models import Application
from apply_online.models import Draft
from tests.apply_online.conftest import PASSPORT, PERSONAL, TRANSIT, png
from tests.browser.test_gckey_journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "index": "/en/apply/eligibility/",
        "programme": "Visit Canada",
        "yes": "Yes",
        "no": "No",
        "transit": "Pass through a Canadian airport in less than 48 hours",
        "continue": "Continue",
        "start": "Start your application",
        "code": "Personal reference code",
        "start_button": "Start the application",
        "save": "Save and continue",
        "review": "Continue to review",
        "submit": "Submit the application",
        "submitted": "What you submitted",
    },
    "fr": {
        "index": "/fr/presenter-une-demande/admissibilite/",
        "programme": "Visiter le Canada",
        "yes": "Oui",
        "no": "Non",
        "transit": "Passer par un aéroport canadien en moins de 48 heures",
        "continue": "Continuer",
        "start": "Commencer votre demande",
        "code": "Code de référence personnel",
        "start_button": "Commencer la demande",
        "save": "Enregistrer et continuer",
        "review": "Continuer vers la vérification",
        "submit": "Présenter la demande",
        "submitted": "Ce que vous avez présenté",
    },
}


@pytest.fixture
def forms_loaded(transactional_db):
    import json

    from apply_online.demo import FIXTURE, forms_load

    forms_load(json.loads(FIXTURE.read_text(encoding="utf-8")))


def _signed_in_context(browser, live_server, javascript):
    from tests.conftest import DEMO_TOTP_SECRET
    from tests.factories import UserFactory

    user = UserFactory(username="applyjourney", totp_secret=DEMO_TOTP_SECRET)
    client = Client()
    client.force_login(user)
    context = browser.new_context(java_script_enabled=javascript)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, user


def _fill(page, answers):
    for name, value in answers.items():
        field = page.locator(f"[name={name}]")
        if field.first.get_attribute("type") == "radio":
            page.locator(f"input[name={name}][value={value}]").check()
        else:
            field.fill(value)


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("fr", False)])
def test_questionnaire_code_draft_documents_review_submit(
    live_server, browser, forms_loaded, tmp_path, language, javascript
):
    text = TEXT[language]
    context, user = _signed_in_context(browser, live_server, javascript)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    journey = Journey(page, violations)
    scan = journey.scan if javascript else (lambda: None)
    try:
        page.goto(live_server.url + text["index"])
        scan()
        page.get_by_role("link", name=text["programme"]).click()
        for answer in ("yes", "transit", "no", "no"):
            scan()
            page.get_by_label(text[answer], exact=True).check()
            page.get_by_role("button", name=text["continue"]).click()
        scan()  # the result, with the code
        code = page.locator(".code-display").inner_text().strip()
        assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)

        page.get_by_role("link", name=text["start"]).click()
        scan()
        page.get_by_role("textbox", name=text["code"]).fill(code.lower().replace("-", " "))
        page.get_by_role("button", name=text["start_button"]).click()

        history = {"criminal_record": "no", "refused_before": "no"}
        contact = {"email": "marie@example.com", "phone": "+33 1 23 45 67 89", "address": "Paris"}
        personal = {k: v for k, v in PERSONAL.items() if k != "native_name"}
        for answers in (personal, PASSPORT, contact, TRANSIT, history):
            scan()
            _fill(page, answers)
            page.get_by_role("button", name=text["save"]).click()

        scan()  # the documents
        for code_name in ("passport", "photo", "onward_ticket"):
            path = tmp_path / f"{code_name}.png"
            path.write_bytes(png())
            slot = page.locator(f"#slot-{code_name}")
            slot.locator("input[type=file]").set_input_files(str(path))
            slot.locator("form[enctype] button[type=submit]").click()
            page.wait_for_selector(f"#slot-{code_name} .document-held")
        scan()
        page.get_by_role("link", name=text["review"]).click()
        scan()
        page.locator("input[name=full_name]").fill("Marie Ève Côté-O’Brien")
        page.locator("input[name=agree]").check()
        page.get_by_role("button", name=text["submit"]).click()
        page.wait_for_selector("#submission-heading")
        scan()  # the application page, with what was submitted
        assert text["submitted"] in page.content()
    finally:
        context.close()
    application = Application.objects.get(account=user)
    draft = Draft.objects.get(application=application)
    assert draft.documents.count() == 3
    assert draft.answers["passport_number"] == "AB123456"
    assert draft.reference_code.code == code.replace("-", "")
