"""Reads of the help centre that views and the sign-in page share."""

import time

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from helpcentre.models import HelpTopic

# How long another server may list a topic on the sign-in page as it was before an edit.
SIGNIN_TOPICS_CACHE_SECONDS = 10

# --- Help topics ------------------------------------------------------------------------------
# Bumped when this process saves or deletes a topic.
_signin_topics_generation = 0


def _time_bucket():
    return int(time.time() // SIGNIN_TOPICS_CACHE_SECONDS)


def help_topics_signin_version():
    """A version of the sign-in page's topic list, for the key of its cached fragment.

    It costs no lookup on the busiest page: it changes at once when this process saves or
    deletes a topic, and every SIGNIN_TOPICS_CACHE_SECONDS for what other servers saved (the
    fragment is then rendered again, reading the topics once).
    """
    return f"{_signin_topics_generation}.{_time_bucket()}"


def help_topic_links_signin(*, language):
    """[(question, url)] of the published topics listed on the sign-in page, in order."""
    topics = (
        HelpTopic.objects.published(language).filter(on_signin_page=True).order_by("order", "pk")
    )
    return [(getattr(t, f"question_{language}"), t.get_absolute_url(language)) for t in topics]


def help_topics_by_category(*, language):
    """[(category, label, [topics])] of the published topics, categories in their set order."""
    topics: dict[str, list[HelpTopic]] = {}
    for topic in HelpTopic.objects.published(language).order_by("order", "pk"):
        topics.setdefault(topic.category, []).append(topic)
    return [
        (category.value, category.label, topics[category.value])
        for category in HelpTopic.Category
        if category.value in topics
    ]


def help_topic_list_related(*, topic, language):
    """The other published topics of ``topic``'s category, in ``language``."""
    return list(
        HelpTopic.objects.published(language)
        .filter(category=topic.category)
        .exclude(pk=topic.pk)
        .order_by("order", "pk")
    )


def help_topic_get(*, language, slug):
    """The published topic whose address in ``language`` is ``slug``, or None."""
    return HelpTopic.objects.published(language).filter(**{f"slug_{language}": slug}).first()


def help_topic_find_by_other_slug(*, language, slug):
    """The published topic whose address is ``slug`` in a language other than ``language``.

    The language toggle swaps the prefix of an address but cannot translate the topic's slug.
    """
    for code, _name in settings.LANGUAGES:
        if code != language:
            topic = help_topic_get(language=code, slug=slug)
            if topic is not None:
                return topic
    return None


@receiver([post_save, post_delete], sender=HelpTopic)
def _forget_signin_topics(**kwargs):
    global _signin_topics_generation
    _signin_topics_generation += 1
