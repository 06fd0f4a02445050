import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.html import page_facts, parse
from tests.pages import ERROR_PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]

LANGUAGES = [("en", 0), ("fr", 1)]


@pytest.fixture
def failing_client():
    """A client that shows the error page, as a browser would, rather than raising."""
    return Client(raise_request_exception=False)


def assert_error_page(response, status, language):
    assert response.status_code == status
    facts = page_facts(response)
    title = ERROR_PAGES[status][dict(LANGUAGES)[language]]
    assert facts["lang"] == language
    assert facts["title"] == f"{title} - Canada.ca"
    assert len(facts["h1"]) == 1
    assert facts["h1"][0].startswith(title)
    soup = parse(response)
    # The chrome is there: skip links, toggle, footer band.
    assert soup.select_one('a[href="#main-content"]')
    assert soup.select_one("#about-government")
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize(("language", "index"), LANGUAGES)
def test_404_is_in_the_chrome_and_the_language_of_the_path(client, language, index):
    response = client.get(f"/{language}/no-such-page/?q=1")
    assert_error_page(response, 404, language)
    other = "fr" if language == "en" else "en"
    assert page_facts(response)["toggle"] == f"/{other}/no-such-page/?q=1"


@pytest.mark.parametrize(("language", "index"), LANGUAGES)
def test_400_page(failing_client, language, index):
    assert_error_page(failing_client.get(f"/{language}/test-errors/400/"), 400, language)


@pytest.mark.parametrize(("language", "index"), LANGUAGES)
def test_403_page(failing_client, language, index):
    assert_error_page(failing_client.get(f"/{language}/test-errors/403/"), 403, language)


@pytest.mark.parametrize(("language", "index"), LANGUAGES)
def test_500_page(failing_client, language, index):
    assert_error_page(failing_client.get(f"/{language}/test-errors/500/"), 500, language)


@pytest.mark.parametrize(("language", "index"), LANGUAGES)
def test_csrf_failure_is_the_bilingual_403(language, index):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/test-errors/csrf/", {"x": "1"})
    assert_error_page(response, 403, language)
    explanation = ("security check failed", "vérification de sécurité a échoué")[index]
    assert explanation in response.content.decode()


@pytest.mark.parametrize(("language", "index"), LANGUAGES)
def test_500_page_renders_when_the_database_is_down(failing_client, monkeypatch, language, index):
    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    # A fault of the page while the database is down: the 500 page must not need it.
    response = failing_client.get(f"/{language}/test-errors/500/")
    assert_error_page(response, 500, language)


def test_bad_host_gets_the_400_page(failing_client):
    response = failing_client.get("/en/sign-in/", headers={"host": "evil.example"})
    assert_error_page(response, 400, "en")
