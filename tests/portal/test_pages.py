import pytest
from django.urls import reverse
from django.utils import translation

from tests.html import page_facts
from tests.pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db


def url_in(name, language):
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize(("name", "title_en", "title_fr"), PUBLIC_PAGES)
def test_every_page_renders_in_both_languages_with_lang_title_and_one_h1(
    client, name, title_en, title_fr
):
    for language, title in (("en", title_en), ("fr", title_fr)):
        response = client.get(url_in(name, language))
        assert response.status_code == 200
        facts = page_facts(response)
        assert facts["lang"] == language
        assert facts["title"] == f"{title} - Canada.ca"
        assert facts["h1"] == [title]


@pytest.mark.parametrize(("name", "title_en", "title_fr"), PUBLIC_PAGES)
def test_urls_have_translated_slugs(name, title_en, title_fr):
    english, french = url_in(name, "en"), url_in(name, "fr")
    assert english.startswith("/en/")
    assert french.startswith("/fr/")
    assert english[3:] != french[3:]


@pytest.mark.parametrize(("name", "title_en", "title_fr"), PUBLIC_PAGES)
def test_toggle_leads_to_the_same_page_in_the_other_language_and_back(
    client, name, title_en, title_fr
):
    english = url_in(name, "en")
    french = page_facts(client.get(english))["toggle"]
    assert french == url_in(name, "fr")
    assert page_facts(client.get(french))["toggle"] == english


def test_toggle_keeps_the_query_string(client):
    facts = page_facts(client.get(url_in("signin", "en") + "?next=%2Fen%2F&x=1"))
    assert facts["toggle"] == url_in("signin", "fr") + "?next=%2Fen%2F&x=1"


@pytest.mark.parametrize(("name", "title_en", "title_fr"), PUBLIC_PAGES)
def test_every_page_lists_both_languages_as_alternates(client, name, title_en, title_fr):
    facts = page_facts(client.get(url_in(name, "fr")))
    assert facts["alternates"] == {
        "en": f"http://testserver{url_in(name, 'en')}",
        "fr": f"http://testserver{url_in(name, 'fr')}",
    }


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-CA,fr;q=0.9,en;q=0.8", "fr"),
        ("en-CA,en;q=0.9,fr;q=0.8", "en"),
        ("de-DE,de;q=0.9,fr;q=0.8,en;q=0.5", "fr"),
        ("es", "en"),
        ("", "en"),
    ],
)
def test_root_redirects_by_accept_language(client, header, expected):
    response = client.get("/", headers={"accept-language": header})
    assert response.status_code == 302
    assert response["Location"] == url_in("signin", expected)
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(("prefix", "language"), [("/en/", "en"), ("/fr/", "fr")])
def test_a_language_prefix_alone_goes_to_that_languages_sign_in_page(client, prefix, language):
    # Whatever the browser prefers: the address chose the language.
    response = client.get(prefix, headers={"accept-language": "de"})
    assert response.status_code == 302
    assert response["Location"] == url_in("signin", language)
