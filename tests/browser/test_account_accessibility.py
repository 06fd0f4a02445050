import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from tests.browser.test_accessibility import AXE_OPTIONS
from tests.pages import ACCOUNT_PAGES

pytestmark = pytest.mark.browser


def assert_no_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_account_pages_have_no_axe_violations(live_server, signed_in_page, language):
    errors = []
    signed_in_page.on(
        "console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None
    )
    for name, *_titles in ACCOUNT_PAGES:
        with translation.override(language):
            signed_in_page.goto(live_server.url + reverse(name))
        assert signed_in_page.locator("h1").count() == 1
        assert_no_violations(signed_in_page)
    assert errors == []


def test_idle_warning_offers_to_stay_signed_in(live_server, signed_in_page, settings):
    settings.SESSION_IDLE_SECONDS = 124  # the warning comes 120 s before the end
    signed_in_page.goto(live_server.url + "/en/account/")
    dialog = signed_in_page.locator("dialog#session-timeout")
    dialog.wait_for(state="visible", timeout=15_000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    assert stay.evaluate("button => button === document.activeElement")
    assert_no_violations(signed_in_page)
    with signed_in_page.expect_response(lambda r: "keep-alive" in r.url) as response:
        stay.click()
    assert response.value.status == 200
    dialog.wait_for(state="hidden")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_behind_a_fresh_sign_in_have_no_axe_violations(live_server, signed_in_page, language):
    """Security keys and recovery codes first ask to confirm the password: scan that page."""
    for name in ("mfa_add_webauthn", "mfa_generate_recovery_codes"):
        with translation.override(language):
            signed_in_page.goto(live_server.url + reverse(name))
        assert "confirm" in signed_in_page.url or "confirmer" in signed_in_page.url
        assert signed_in_page.locator("h1").count() == 1
        assert_no_violations(signed_in_page)
