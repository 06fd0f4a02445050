"""axe-core in Chromium: zero WCAG 2.1 A/AA violations on every page, in both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from tests.pages import PUBLIC_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.error_urls")]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

ERROR_PATHS = {
    "400": "test-errors/400/",
    "403": "test-errors/403/",
    "403-csrf": "test-errors/csrf-page/",
    "404": "no-such-page/",
    "500": "test-errors/500/",
}


def assert_accessible(page, url, csp_violations):
    page.goto(url)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert csp_violations == []


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", [name for name, *_titles in PUBLIC_PAGES])
def test_public_pages_have_no_axe_violations(
    live_server, page, with_notices, csp_violations, name, language
):
    with translation.override(language):
        path = reverse(name)
    assert_accessible(page, live_server.url + path, csp_violations)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("error", ERROR_PATHS)
def test_error_pages_have_no_axe_violations(
    live_server, page, transactional_db, csp_violations, error, language
):
    assert_accessible(page, f"{live_server.url}/{language}/{ERROR_PATHS[error]}", csp_violations)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_sign_in_page_fits_a_320_pixel_screen(live_server, browser, with_notices, language):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    with translation.override(language):
        page.goto(live_server.url + reverse("signin"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_skip_link_appears_on_focus_and_moves_to_main(live_server, page, transactional_db):
    page.goto(live_server.url + "/en/sign-in/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box["x"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("valid", [True, False])
def test_this_was_not_me_pages_have_no_axe_violations(
    live_server, page, transactional_db, csp_violations, language, valid
):
    from accounts.services import not_me_token
    from tests.factories import UserFactory

    token = not_me_token(user=UserFactory(username="notmeapplicant")) if valid else "expired"
    with translation.override(language):
        path = reverse("not_me", kwargs={"token": token})
    assert_accessible(page, live_server.url + path, csp_violations)
