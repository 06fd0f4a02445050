import pytest

from helpcentre.models import HelpTopic
from helpcentre.richtext import answer_clean
from tests.factories import HelpTopicFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Hello <script>alert("x")</script><b>bold</b></p>'
    '<a href="javascript:alert(1)">bad link</a> <a href="/en/help/">good link</a>'
    '<img src="x" onerror="alert(2)"><style>body{display:none}</style>'
    '<iframe src="//evil"></iframe>'
)


def test_answer_is_sanitised_when_saved():
    topic = HelpTopicFactory(answer_en=HOSTILE)
    topic.refresh_from_db()
    assert topic.answer_en == ('<p>Hello bold</p><a>bad link</a> <a href="/en/help/">good link</a>')


def test_a_script_in_an_answer_never_reaches_the_page(client):
    topic = HelpTopicFactory(answer_en=HOSTILE)
    # Even a row written behind save()'s back is cleaned on the way out.
    HelpTopic.objects.filter(pk=topic.pk).update(answer_en=HOSTILE)
    html = client.get(f"/en/help/questions/{topic.slug_en}/").content.decode()
    assert "<script>alert" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert '<a href="/en/help/">good link</a>' in html


def test_paragraphs_lists_and_links_are_kept():
    html = '<p>One <strong>two</strong> <em>three</em></p><ol><li>a</li></ol><ul><li><a href="https://www.canada.ca/">b</a></li></ul>'
    assert answer_clean(html) == html


def test_plain_text_of_the_answer_is_kept_for_search():
    topic = HelpTopicFactory(answer_fr="<p>Clé&nbsp;perdue</p><ul><li>un</li><li>deux</li></ul>")
    assert topic.answer_text_fr == "Clé perdue un deux"
