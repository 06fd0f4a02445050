import pytest
from django.db import connection

from helpcentre.models import HelpTopic
from tests.factories import HelpTopicFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def results(client, url):
    soup = parse(client.get(url))
    return [
        (li.select_one("h2").get_text(), li.select_one("a")["href"])
        for li in soup.select(".search-results li")
    ]


def test_search_finds_topics_and_pages_in_the_pages_language(client):
    HelpTopicFactory(question_en="Lost passport", question_fr="Passeport perdu", slug_fr="passe")
    assert results(client, "/fr/recherche/?q=passeport") == [
        ("Passeport perdu", "/fr/aide/questions/passe/")
    ]
    assert results(client, "/en/search/?q=passeport") == []
    titles = [title for title, _url in results(client, "/en/search/?q=sign")]
    assert "IRCC secure account: Sign in" in titles


def test_a_word_in_the_question_ranks_above_the_same_word_in_the_answer(client):
    HelpTopicFactory(question_en="Something else", answer_en="<p>About the ferry app.</p>")
    HelpTopicFactory(question_en="Ferry app problems", answer_en="<p>Other text.</p>")
    found = [title for title, _url in results(client, "/en/search/?q=ferry")]
    assert found == ["Ferry app problems", "Something else"]


def test_words_found_are_highlighted_and_everything_else_escaped(client):
    HelpTopicFactory(
        question_en="Why <b>bold</b> passwords?",
        answer_en="<p>Passwords &amp; <em>usernames</em> matter.</p>",
    )
    soup = parse(client.get("/en/search/?q=passwords"))
    title = soup.select_one(".search-results h2 a")
    assert [m.get_text() for m in title.select("mark")] == ["passwords"]
    assert "<b>bold</b>" in title.get_text()
    assert title.select_one("b") is None
    snippet = soup.select_one(".search-results p")
    assert [m.get_text() for m in snippet.select("mark")] == ["Passwords"]
    assert "Passwords & usernames matter" in snippet.get_text()
    assert "…" not in snippet.get_text()


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "'; DROP TABLE portal_helptopic; --",
        '" OR 1=1 --',
        "a & | ! :* ( ) <-> \\",
        '"><img src=x onerror=alert(1)>',
    ],
)
def test_any_query_comes_back_escaped_and_harmless(client, query):
    HelpTopicFactory(question_en="Table of fees")
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert HelpTopic.objects.count() == 1


def test_results_are_counted_and_paged(client):
    for n in range(23):
        HelpTopicFactory(question_en=f"Renewal question {n}", order=n)
    soup = parse(client.get("/en/search/?q=renewal"))
    assert soup.select_one(".result-count").get_text(" ", strip=True) == (
        "23 results for “renewal” (showing 1 to 10)"
    )
    assert len(soup.select(".search-results li")) == 10
    next_link = soup.select_one('.pager a[rel="next"]')["href"]
    assert next_link == "?q=renewal&page=2"
    last = parse(client.get("/en/search/?q=renewal&page=3"))
    assert len(last.select(".search-results li")) == 3
    assert last.select_one(".search-results")["start"] == "21"
    assert parse(client.get("/en/search/?q=renewal&page=zz")).select_one(".search-results")


def test_no_results_gives_a_helpful_empty_state(client):
    soup = parse(client.get("/fr/recherche/?q=zzyzx"))
    assert soup.select_one("#no-results-heading").get_text() == "Aucun résultat pour « zzyzx »"
    assert soup.select_one('.no-results a[href="/fr/aide/"]')


def test_a_too_long_query_is_refused_with_a_message(client):
    soup = parse(client.get("/en/search/", {"q": "x" * 101}))
    assert "at most 100 characters" in soup.select_one("#search-q-error").get_text()
    assert soup.select_one("#search-q")["aria-invalid"] == "true"
    assert soup.select_one(".search-results") is None


def test_a_null_character_is_refused_not_a_500(client):
    response = client.get("/en/search/", {"q": "pass\x00word"})
    assert response.status_code == 400  # portal/guards.py, before the search runs


def test_empty_query_invites_a_search(client):
    soup = parse(client.get("/en/search/?q="))
    assert soup.select_one(".search-results") is None
    assert "Type one or more words" in soup.select_one("main").get_text()


def test_toggle_keeps_the_query(client):
    soup = parse(client.get("/en/search/?q=cl%C3%A9"))
    assert soup.select_one(".language-toggle a")["href"] == "/fr/recherche/?q=cl%C3%A9"


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_fallback_search_needs_every_word(client):
    HelpTopicFactory(question_en="Password reset", answer_en="<p>Use your email.</p>")
    HelpTopicFactory(question_en="Password rules", answer_en="<p>Eight characters.</p>")
    assert [t for t, _u in results(client, "/en/search/?q=password+email")] == ["Password reset"]
