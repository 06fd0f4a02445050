from datetime import timedelta

import pytest
from django.utils import timezone

from helpcentre.models import HelpTopic
from tests.factories import HelpTopicFactory
from tests.html import page_facts, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return HelpTopicFactory(
        category=HelpTopic.Category.GCKEY,
        question_en="I forgot my GCKey password",
        slug_en="forgot-password",
        answer_en="<p>Reset it from the sign-in page.</p>",
        question_fr="J’ai oublié le mot de passe de ma CléGC",
        slug_fr="mot-de-passe-oublie",
        answer_fr="<p>Réinitialisez-le depuis la page d’ouverture de session.</p>",
    )


def test_topic_page_shows_the_question_and_answer_in_each_language(client, topic):
    english = client.get("/en/help/questions/forgot-password/")
    french = client.get("/fr/aide/questions/mot-de-passe-oublie/")
    assert page_facts(english)["h1"] == ["I forgot my GCKey password"]
    assert page_facts(french)["h1"] == ["J’ai oublié le mot de passe de ma CléGC"]
    assert page_facts(french)["lang"] == "fr"
    assert "Reset it from the sign-in page." in parse(english).select_one("main").get_text()
    assert "Réinitialisez-le" in parse(french).select_one("main").get_text()
    assert page_facts(french)["title"] == "J’ai oublié le mot de passe de ma CléGC - Canada.ca"


def test_topic_page_has_a_help_breadcrumb(client, topic):
    soup = parse(client.get("/fr/aide/questions/mot-de-passe-oublie/"))
    crumbs = [a.get_text() for a in soup.select(".breadcrumbs a")]
    assert crumbs[-1] == "Aide"
    assert soup.select_one(".breadcrumbs [aria-current=page]").get_text() == (
        "J’ai oublié le mot de passe de ma CléGC"
    )


def test_toggle_and_alternates_lead_to_the_same_topic_in_the_other_language(client, topic):
    english = page_facts(client.get("/en/help/questions/forgot-password/"))
    assert english["toggle"] == "/fr/aide/questions/mot-de-passe-oublie/"
    assert english["alternates"] == {
        "en": "http://testserver/en/help/questions/forgot-password/",
        "fr": "http://testserver/fr/aide/questions/mot-de-passe-oublie/",
    }
    french = page_facts(client.get("/fr/aide/questions/mot-de-passe-oublie/"))
    assert french["toggle"] == "/en/help/questions/forgot-password/"


def test_address_with_the_other_languages_slug_redirects_to_the_topic(client, topic):
    response = client.get("/fr/aide/questions/forgot-password/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/aide/questions/mot-de-passe-oublie/"
    response = client.get("/en/help/questions/mot-de-passe-oublie/")
    assert response["Location"] == "/en/help/questions/forgot-password/"


def test_date_modified_is_the_topics(client, topic):
    later = timezone.now() + timedelta(days=300)
    HelpTopic.objects.filter(pk=topic.pk).update(updated_at=later)
    soup = parse(client.get("/en/help/questions/forgot-password/"))
    assert (
        soup.select_one(".date-modified time")["datetime"] == timezone.localdate(later).isoformat()
    )


def test_unpublished_topic_is_nowhere_to_be_seen(client):
    draft = HelpTopicFactory(is_published=False, question_en="Secret draft", on_signin_page=True)
    assert client.get(f"/en/help/questions/{draft.slug_en}/").status_code == 404
    assert client.get(f"/fr/aide/questions/{draft.slug_fr}/").status_code == 404
    assert "Secret draft" not in client.get("/en/help/").content.decode()
    assert "Secret draft" not in client.get("/en/sign-in/").content.decode()
    assert "Secret draft" not in client.get("/en/search/?q=secret").content.decode()


def test_unknown_topic_is_a_404(client):
    assert client.get("/en/help/questions/no-such-topic/").status_code == 404


def test_other_questions_of_the_category_are_listed(client, topic):
    HelpTopicFactory(category=HelpTopic.Category.GCKEY, question_en="GCKey locked")
    HelpTopicFactory(category=HelpTopic.Category.PARTNER, question_en="Bank question")
    text = parse(client.get("/en/help/questions/forgot-password/")).select_one("main").get_text()
    assert "GCKey locked" in text
    assert "Bank question" not in text
