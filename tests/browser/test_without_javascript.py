import pytest

pytestmark = pytest.mark.browser


def main_text(browser, url, *, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url)
    text = page.locator("main").inner_text()
    context.close()
    return text


@pytest.mark.parametrize("path", ["/en/sign-in/", "/fr/ouvrir-session/"])
def test_sign_in_page_shows_the_same_content_without_javascript(
    live_server, browser, with_notices, path
):
    with_js = main_text(browser, live_server.url + path, javascript=True)
    without_js = main_text(browser, live_server.url + path, javascript=False)
    assert without_js == with_js
    assert "GCKey" in without_js or "CléGC" in without_js


def test_theme_menu_opens_without_javascript(live_server, browser, transactional_db):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en/sign-in/")
    link = page.get_by_role("link", name="Jobs and the workplace")
    assert not link.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert link.is_visible()
    context.close()
