import pytest

from helpcentre import selectors
from helpcentre.models import HelpTopic
from tests.factories import HelpTopicFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def faq(client, url):
    soup = parse(client.get(url))
    return [(a.get_text(), a["href"]) for a in soup.select(".help ul a")]


def test_sign_in_page_lists_its_topics_from_the_database_then_all_questions(client):
    HelpTopicFactory(on_signin_page=True, order=2, question_fr="Deuxième?", slug_fr="deux")
    HelpTopicFactory(on_signin_page=True, order=1, question_fr="Première?", slug_fr="un")
    HelpTopicFactory(on_signin_page=False, question_fr="Pas ici?")
    assert faq(client, "/fr/ouvrir-session/") == [
        ("Première?", "/fr/aide/questions/un/"),
        ("Deuxième?", "/fr/aide/questions/deux/"),
        ("Voir toutes les questions sur ce sujet.", "/fr/aide/"),
    ]


def test_how_to_sign_in_is_a_help_page_of_its_own(client):
    soup = parse(client.get("/en/sign-in/"))
    link = soup.find("a", string="How to sign in or apply online")
    assert link["href"] == "/en/help/how-to-sign-in/"
    assert client.get(link["href"]).status_code == 200


def test_an_edited_topic_shows_at_once_on_the_cached_sign_in_page(client):
    topic = HelpTopicFactory(on_signin_page=True, question_en="Old wording?")
    assert faq(client, "/en/sign-in/")[0][0] == "Old wording?"
    topic.question_en = "New wording?"
    topic.save()
    assert faq(client, "/en/sign-in/")[0][0] == "New wording?"


def test_another_servers_edit_shows_within_seconds(client, monkeypatch):
    monkeypatch.setattr(selectors, "_time_bucket", lambda: 1000)
    topic = HelpTopicFactory(on_signin_page=True, question_en="Old wording?")
    assert faq(client, "/en/sign-in/")[0][0] == "Old wording?"
    # Another server saved it: no signal fired in this process, and the page is still cached.
    HelpTopic.objects.filter(pk=topic.pk).update(question_en="Edited elsewhere?")
    assert faq(client, "/en/sign-in/")[0][0] == "Old wording?"
    monkeypatch.setattr(selectors, "_time_bucket", lambda: 1001)  # seconds later
    assert faq(client, "/en/sign-in/")[0][0] == "Edited elsewhere?"


def test_sign_in_page_reads_no_topic_while_its_body_is_cached(client, django_assert_num_queries):
    HelpTopicFactory(on_signin_page=True)
    client.get("/en/sign-in/")
    with django_assert_num_queries(0):
        client.get("/en/sign-in/")


def test_unpublishing_a_topic_removes_it_from_the_sign_in_page(client):
    topic = HelpTopicFactory(on_signin_page=True, question_en="Soon gone?")
    assert "Soon gone?" in client.get("/en/sign-in/").content.decode()
    topic.is_published = False
    topic.save()
    assert "Soon gone?" not in client.get("/en/sign-in/").content.decode()
