import pytest
from django.test import Client

from feedback.models import ProblemReport, ReportCategory

pytestmark = pytest.mark.django_db

REFUSED = {
    "en": "the page it came from is not part of this site",
    "fr": "la page d'où il provient ne fait pas partie de ce site",
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/en/sign-in/",
        "//evil.example/en/sign-in/",
        "javascript:alert(1)",
        "en/sign-in/",
        "/en/sign-in/?next=https://evil.example",
        "/en/" + "a" * 10_000,
        "/en/\r\nSet-Cookie: x=1",
        "",
    ],
)
def test_a_path_off_this_site_is_refused_with_a_clear_message(client, language, path):
    response = client.post(
        f"/{language}/{'report-problem' if language == 'en' else 'signaler-probleme'}/",
        {"categories": ["broken"], "path": path, "title": "T"},
    )
    assert response.status_code == 400
    assert REFUSED[language] in response.content.decode().replace("&#x27;", "'")
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize(
    "categories", [["no-such-thing"], ["broken", "'; drop table"], ["x" * 500]]
)
def test_unknown_categories_are_refused_and_nothing_is_stored(client, categories):
    response = client.post(
        "/en/report-problem/", {"categories": categories, "path": "/en/sign-in/", "title": "T"}
    )
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert not ProblemReport.objects.exists()
    assert not ReportCategory.objects.exists()


def test_a_title_of_10000_characters_is_refused(client):
    response = client.post(
        "/en/report-problem/",
        {"categories": ["broken"], "path": "/en/sign-in/", "title": "T" * 10_000},
    )
    assert response.status_code == 400
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"referer": "https://evil.example/en/sign-in/"},
        {"origin": "http://testserver.evil.example"},
    ],
)
def test_a_post_from_another_site_gets_the_bilingual_security_page(language, headers):
    client = Client(headers=headers)
    url = "/en/report-problem/" if language == "en" else "/fr/signaler-probleme/"
    response = client.post(url, {"categories": ["broken"], "path": f"/{language}/sign-in/"})
    assert response.status_code == 403
    text = response.content.decode()
    assert ("security check failed" if language == "en" else "vérification de sécurité") in text
    assert not ProblemReport.objects.exists()


def test_a_browser_that_sends_only_a_referer_from_this_site_is_accepted():
    client = Client(headers={"referer": "http://testserver/en/sign-in/"})
    client.post("/en/report-problem/", {"categories": ["broken"], "path": "/en/sign-in/"})
    assert ProblemReport.objects.count() == 1


def test_the_report_address_answers_only_posts(client):
    assert client.get("/en/report-problem/").status_code == 405
