"""Full-text search proper: PostgreSQL only (SQLite runs the simpler fallback)."""

import pytest
from django.db import connection

from helpcentre.models import HelpTopic
from helpcentre.search import _topics_postgres
from tests.factories import HelpTopicFactory
from tests.html import parse

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


def titles(client, url):
    """The titles of the help topics found (public pages may be found too)."""
    links = parse(client.get(url)).select(".search-results h2 a")
    return [a.get_text() for a in links if "/questions/" in a["href"]]


def test_accents_are_folded_so_cle_finds_cle(client):
    HelpTopicFactory(question_fr="Ma clé ne fonctionne plus", question_en="Key")
    assert titles(client, "/fr/recherche/?q=cle") == ["Ma clé ne fonctionne plus"]
    assert titles(client, "/fr/recherche/?q=CLÉ") == ["Ma clé ne fonctionne plus"]


def test_french_words_are_stemmed(client):
    HelpTopicFactory(question_fr="Demandes refusées", answer_fr="<p>Les vérifications.</p>")
    assert titles(client, "/fr/recherche/?q=demande") == ["Demandes refusées"]
    assert titles(client, "/fr/recherche/?q=vérification") == ["Demandes refusées"]


def test_french_stems_match_across_accented_endings(client):
    HelpTopicFactory(question_fr="Ma clé oubliée")
    assert titles(client, "/fr/recherche/?q=oublié") == ["Ma clé oubliée"]
    assert titles(client, "/fr/recherche/?q=oubliee") == ["Ma clé oubliée"]


def test_english_words_are_stemmed(client):
    HelpTopicFactory(question_en="Linking applications")
    assert titles(client, "/en/search/?q=linked+application") == ["Linking applications"]


def test_a_word_is_also_found_as_the_start_of_a_longer_one(client):
    HelpTopicFactory(question_fr="Ma CléGC est verrouillée")
    assert titles(client, "/fr/recherche/?q=cle") == ["Ma CléGC est verrouillée"]


def test_search_operators_are_understood(client):
    HelpTopicFactory(question_en="Two-step verification on a phone")
    HelpTopicFactory(question_en="Two-step verification on a computer")
    assert titles(client, '/en/search/?q="two-step"+-phone') == [
        "Two-step verification on a computer"
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_search_uses_the_languages_index_not_a_scan(language):
    HelpTopic.objects.bulk_create(
        HelpTopicFactory.build(
            question_en=f"Filler {n}",
            question_fr=f"Remplissage {n}",
            answer_text_en=f"text number {n}",
            answer_text_fr=f"texte numéro {n}",
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_helptopic")
        # A table this small is read whole; a large one is not (scripts/bench_search.py).
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = _topics_postgres("passport", ["passport"], language).explain()
    assert f"portal_helptopic_search_{language}" in plan
