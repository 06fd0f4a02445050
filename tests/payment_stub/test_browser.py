"""The hosted pages in Chromium: axe (WCAG 2.2 A/AA) finds nothing, they fit a 320-pixel screen,
the Content-Security-Policy blocks nothing, and a payment works with the keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from payment_stub.models import CheckoutSession
from tests.payment_stub.conftest import CARDS, Api, session_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            page.csp_errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


def new_session(live_server, language):
    body = session_body(
        locale=language,
        # A page that stays where it is (no redirect), to see where the browser was sent.
        success_url=f"{live_server.url}/healthz?session_id={{CHECKOUT_SESSION_ID}}",
        cancel_url=f"{live_server.url}/healthz?cancelled=1",
    )
    response = Api().create(body, key=f"browser-{language}-{CheckoutSession.objects.count()}")
    assert response.status_code == 200, response.content
    return response.json()


def check(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways at 320 px"
    assert page.csp_errors == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_hosted_page_is_accessible_and_fits_320_pixels(
    live_server, merchant, narrow_page, language
):
    page = narrow_page
    session = new_session(live_server, language)
    page.goto(session["url"])
    assert page.locator("html").get_attribute("lang") == language
    check(page)
    # With every field wrong: the error summary and the messages tied to the fields.
    page.get_by_role("button", name="Pay" if language == "en" else "Payer").click()
    page.wait_for_selector(".ps-error-summary")
    check(page)
    # The bank's confirmation page, then the page of a complete session.
    page.fill("#card-name", "Alex Tremblay")
    page.fill("#card-number", CARDS["confirm"])
    page.fill("#card-expiry", "08/39")
    page.fill("#card-cvc", "123")
    page.locator("button[name=pay]").click()
    page.wait_for_url("**/confirm/")
    check(page)
    page.locator("button[name=confirm]").click()
    page.wait_for_url(f"**/healthz?session_id={session['id']}")
    page.goto(session["url"])
    check(page)
    # A page that does not exist.
    page.goto(f"{live_server.url}/{language}/payment-stub/pay/cs_nothing/")
    check(page)


def test_a_payment_with_the_keyboard_alone(live_server, merchant, narrow_page):
    page = narrow_page
    session = new_session(live_server, "en")
    page.goto(session["url"])
    # The skip link, the language toggle, then the form's fields in order.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "ps-skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "ps-lang"
    for value in ("Alex Tremblay", CARDS["succeeds"], "08/39", "123"):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/healthz?session_id={session['id']}")
    assert CheckoutSession.objects.get(pk=session["id"]).payment_status == "paid"


def test_the_error_summary_links_move_to_their_field(live_server, merchant, narrow_page):
    page = narrow_page
    session = new_session(live_server, "en")
    page.goto(session["url"])
    page.fill("#card-number", "1234")
    page.locator("button[name=pay]").click()
    page.locator(".ps-error-summary a[href='#card-number']").click()
    assert page.evaluate("document.activeElement.id") == "card-number"
