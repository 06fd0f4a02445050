import pytest
from django.core.management import call_command

from helpcentre.models import HelpTopic
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_about_twenty_topics_in_both_languages_and_every_category(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    topics = HelpTopic.objects.published("en").filter(is_published=True)
    assert 18 <= topics.count() <= 25
    assert topics.count() == HelpTopic.objects.published("fr").count() == HelpTopic.objects.count()
    assert {t.category for t in topics} == set(HelpTopic.Category.values)
    assert all(not t.missing_languages() for t in topics)


def test_seeded_sign_in_page_lists_the_seeds_four_questions(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    soup = parse(client.get("/fr/ouvrir-session/"))
    assert [a.get_text() for a in soup.select(".help ul a")] == [
        "Je n’arrive pas à ouvrir une session pour accéder à mon compte. Que faire?",
        "Que dois-je faire si j’oublie mon nom d’utilisateur et mon mot de passe pour la CléGC?",
        "Mon code de référence personnel ne fonctionne pas. Que dois-je faire?",
        "Que dois-je faire si j’éprouve des problèmes techniques avec ma demande en ligne?",
        "Voir toutes les questions sur ce sujet.",
    ]
