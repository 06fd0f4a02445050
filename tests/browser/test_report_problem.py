"""The "Report a problem" form in Chromium, with JavaScript on and off, and axe on each state."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from feedback.models import ProblemReport
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

SUMMARY = {
    "en": "Report a problem or mistake on this page",
    "fr": "Signaler un problème ou une erreur sur cette page",
}
PAGES = {"en": "/en/sign-in/", "fr": "/fr/ouvrir-session/"}
THANKS = {"en": "Thank you for your help!", "fr": "Merci de votre aide!"}


def assert_no_axe_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def assert_no_axe_violations_with_javascript(page, url):
    """axe runs as a script: scan the state a no-JavaScript visitor reached in a normal page."""
    page.goto(url)
    assert_no_axe_violations(page)


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def open_form(page, url, language):
    page.goto(url)
    page.get_by_text(SUMMARY[language], exact=True).click()
    return page.locator("form[data-report-form]")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_with_javascript_the_report_is_sent_in_place_and_the_thanks_take_focus(
    live_server, page, transactional_db, csp_violations, language
):
    url = live_server.url + PAGES[language]
    form = open_form(page, url, language)
    assert_no_axe_violations(page)  # the open state
    form.locator('input[value="login-partner"]').check()
    assert form.locator('input[value="login"]').is_checked(), "a sub-option checks its parent"
    form.locator('input[value="broken"]').check()
    form.locator('button[type="submit"]').click()
    thanks = page.locator("[data-report-thanks]")
    thanks.wait_for(state="visible")
    page.wait_for_function("document.activeElement.hasAttribute('data-report-thanks')")
    assert THANKS[language] in thanks.inner_text()
    assert page.url == url, "no page load"
    assert not form.is_visible()
    report = ProblemReport.objects.get()
    assert report.path == PAGES[language]
    assert report.language == language
    assert report.category_list == ["broken", "login", "login-partner"]
    assert_no_axe_violations(page)  # the thanks
    assert csp_violations == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_without_javascript_the_report_comes_back_with_the_thanks(
    live_server, page, page_without_js, transactional_db, language
):
    page, page_with_js = page_without_js, page
    form = open_form(page, live_server.url + PAGES[language], language)
    form.locator('input[value="spelling"]').check()
    form.locator('button[type="submit"]').click()
    page.wait_for_url("**?feedback=thanks#report-problem")
    assert THANKS[language] in page.locator("#report-problem").inner_text()
    report = ProblemReport.objects.get()
    assert (report.path, report.category_list) == (PAGES[language], ["spelling"])
    assert_no_axe_violations_with_javascript(page_with_js, page.url)


def test_with_javascript_no_box_checked_shows_the_error_and_moves_focus(
    live_server, page, transactional_db
):
    form = open_form(page, live_server.url + PAGES["fr"], "fr")
    form.locator('button[type="submit"]').click()
    error = page.locator("#report-error")
    error.filter(has_text="Cochez au moins une case.").wait_for()
    page.wait_for_function("document.activeElement.name === 'categories'")
    assert not ProblemReport.objects.exists()
    assert_no_axe_violations(page)


def test_without_javascript_no_box_checked_reopens_the_form_with_the_error(
    live_server, page, page_without_js, transactional_db
):
    page_with_js, page = page, page_without_js
    form = open_form(page, live_server.url + PAGES["en"], "en")
    form.locator('button[type="submit"]').click()
    page.wait_for_url("**?feedback=missing#report-problem")
    assert page.locator("#report-error").inner_text() == "Select at least one box."
    assert page.locator("details#report-problem").get_attribute("open") is not None
    assert not ProblemReport.objects.exists()
    assert_no_axe_violations_with_javascript(page_with_js, page.url)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_web_form_with_errors_has_no_axe_violations(
    live_server, page, transactional_db, csp_violations, language
):
    url = {"en": "/en/technical-difficulties/", "fr": "/fr/difficultes-techniques/"}[language]
    page.goto(live_server.url + url)
    page.locator("form.form button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    assert_no_axe_violations(page)
    assert csp_violations == []
