"""axe-core on the help centre and the search results, in both languages; search without JS."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpcentre import demo as demo_help
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

PAGES = {
    "all questions": {"en": "/en/help/", "fr": "/fr/aide/"},
    "topic": {
        "en": "/en/help/questions/forgot-gckey-username-password/",
        "fr": "/fr/aide/questions/oubli-nom-utilisateur-mot-de-passe-clegc/",
    },
    "search with results": {"en": "/en/search/?q=password", "fr": "/fr/recherche/?q=cle"},
    "search with several pages": {
        "en": "/en/search/?q=sign&page=2",
        "fr": "/fr/recherche/?q=session&page=2",
    },
    "search without results": {"en": "/en/search/?q=zzyzx", "fr": "/fr/recherche/?q=zzyzx"},
    "search with an error": {
        "en": "/en/search/?q=" + "x" * 101,
        "fr": "/fr/recherche/?q=" + "x" * 101,
    },
}


@pytest.fixture
def help_topics(transactional_db):
    demo_help.load()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", PAGES)
def test_help_and_search_pages_have_no_axe_violations(
    live_server, page, help_topics, csp_violations, name, language
):
    response = page.goto(live_server.url + PAGES[name][language])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    if name == "search with several pages":
        assert page.locator(".pager a[aria-current=page]").inner_text().endswith("2")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert csp_violations == []


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("/en/sign-in/", "forgot password", "What should I do if I forget my GCKey username"),
        ("/fr/ouvrir-session/", "mot de passe oublie", "Que dois-je faire si j’oublie"),
    ],
)
def test_header_search_works_without_javascript(
    live_server, browser, help_topics, start, query, expected
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + start)
    box = page.locator("header form[role=search]")
    box.locator("input[name=q]").fill(query)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".search-results").inner_text().count(expected) >= 1
    page.locator(".search-results a", has_text=expected).first.click()
    assert page.locator("h1").inner_text().startswith(expected)
    context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_search_results_fit_a_320_pixel_screen(live_server, browser, help_topics, language):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + PAGES["search with results"][language])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
