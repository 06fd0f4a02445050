import pytest

from helpcentre.models import HelpTopic
from tests.factories import HelpTopicFactory

pytestmark = pytest.mark.django_db

TOPIC_FORM = {
    "category": "gckey",
    "order": "0",
    "question_en": "Where is my GCKey?",
    "slug_en": "",
    "answer_en": "<p>Here.</p>",
    "question_fr": "",
    "slug_fr": "",
    "answer_fr": "",
}


def test_editors_see_notices_and_help_topics_and_nothing_else(editor_client):
    html = editor_client.get("/en/admin/").content.decode()
    assert "/en/admin/helpcentre/helptopic/" in html
    assert "/en/admin/portal/notice/" in html
    assert "/en/admin/accounts/" not in html
    assert "/en/admin/auth/" not in html
    assert editor_client.get("/en/admin/helpcentre/helptopic/add/").status_code == 200
    assert editor_client.get("/en/admin/portal/notice/add/").status_code == 200
    assert editor_client.get("/en/admin/accounts/user/").status_code == 403
    assert editor_client.get("/en/admin/auth/group/").status_code == 403


def test_admin_edits_both_languages_on_one_page_without_a_cdn(editor_client):
    html = editor_client.get("/en/admin/helpcentre/helptopic/add/").content.decode()
    for field in ("question_en", "question_fr", "answer_en", "answer_fr", "slug_en", "slug_fr"):
        assert f'name="{field}"' in html
    assert "cdn" not in html.lower()


def test_a_draft_may_be_saved_in_one_language(editor_client):
    response = editor_client.post("/en/admin/helpcentre/helptopic/add/", TOPIC_FORM)
    assert response.status_code == 302
    topic = HelpTopic.objects.get()
    assert topic.slug_en == "where-is-my-gckey"
    assert topic.slug_fr is None
    assert not topic.is_published


def test_admin_refuses_to_publish_a_topic_without_its_french(editor_client):
    response = editor_client.post(
        "/en/admin/helpcentre/helptopic/add/", {**TOPIC_FORM, "is_published": "on"}
    )
    assert response.status_code == 200
    assert "both languages" in response.content.decode()
    assert not HelpTopic.objects.exists()


def test_admin_refuses_to_publish_a_topic_without_its_english(editor_client):
    form = {
        **TOPIC_FORM,
        "question_en": "",
        "answer_en": "",
        "question_fr": "Où est ma CléGC?",
        "answer_fr": "<p>Ici.</p>",
        "is_published": "on",
    }
    response = editor_client.post("/en/admin/helpcentre/helptopic/add/", form)
    assert response.status_code == 200
    assert not HelpTopic.objects.exists()


def test_admin_publishes_a_topic_written_in_both_languages(editor_client):
    form = {
        **TOPIC_FORM,
        "question_fr": "Où est ma CléGC?",
        "answer_fr": "<p>Ici.</p>",
        "is_published": "on",
    }
    assert editor_client.post("/en/admin/helpcentre/helptopic/add/", form).status_code == 302
    topic = HelpTopic.objects.get()
    assert (topic.is_published, topic.slug_fr) == (True, "ou-est-ma-clegc")


def test_publish_action_skips_topics_missing_a_language(editor_client):
    ready = HelpTopicFactory(is_published=False)
    half = HelpTopicFactory(is_published=False, question_fr="", answer_fr="", slug_fr=None)
    editor_client.post(
        "/en/admin/helpcentre/helptopic/",
        {"action": "publish", "_selected_action": [ready.pk, half.pk]},
    )
    ready.refresh_from_db()
    half.refresh_from_db()
    assert ready.is_published
    assert not half.is_published


def test_two_topics_cannot_share_an_address(editor_client):
    HelpTopicFactory(slug_en="where-is-my-gckey")
    response = editor_client.post("/en/admin/helpcentre/helptopic/add/", TOPIC_FORM)
    assert response.status_code == 200
    assert HelpTopic.objects.count() == 1
