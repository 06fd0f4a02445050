import pytest

from helpcentre.models import HelpTopic
from tests.factories import HelpTopicFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_all_questions_are_grouped_by_category_with_anchors(client):
    HelpTopicFactory(category=HelpTopic.Category.TECHNICAL, question_fr="Problème technique?")
    HelpTopicFactory(category=HelpTopic.Category.GCKEY, question_fr="CléGC perdue?", order=2)
    HelpTopicFactory(category=HelpTopic.Category.GCKEY, question_fr="CléGC bloquée?", order=1)
    soup = parse(client.get("/fr/aide/"))
    headings = [(h["id"], h.get_text()) for h in soup.select(".help-category h2")]
    assert headings == [("gckey", "CléGC"), ("technical", "Problèmes techniques")]
    gckey = [a.get_text() for a in soup.select("#gckey + ul a")]
    assert gckey == ["CléGC bloquée?", "CléGC perdue?"]
    anchors = [a["href"] for a in soup.select(".on-this-page a")]
    assert anchors == ["#gckey", "#technical"]


def test_each_question_links_to_its_page_in_the_pages_language(client):
    topic = HelpTopicFactory()
    soup = parse(client.get("/fr/aide/"))
    link = soup.select_one(".help-category a")
    assert link["href"] == f"/fr/aide/questions/{topic.slug_fr}/"
    assert client.get(link["href"]).status_code == 200


def test_empty_help_centre_says_so(client):
    assert "no questions to show yet" in client.get("/en/help/").content.decode()
