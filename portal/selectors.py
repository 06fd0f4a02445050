"""Reads that views share."""

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from portal.models import HelpTopic, Notice

NOTICES_CACHE_KEY = "portal:notices:not-ended"
# How long another server may show a notice as it was before an edit.
NOTICES_CACHE_SECONDS = 10


def notice_list_current(*, at=None):
    """The notices shown now, in display order.

    The sign-in page is the busiest page of the portal, so each process keeps the notices that
    have not ended for a few seconds and filters them by date here; saving or deleting a notice
    clears that process's copy at once, the others' within NOTICES_CACHE_SECONDS.
    """
    at = at or timezone.now()
    local = caches["local"]
    notices = local.get(NOTICES_CACHE_KEY)
    if notices is None:
        notices = list(Notice.objects.not_ended(at=at))
        local.set(NOTICES_CACHE_KEY, notices, NOTICES_CACHE_SECONDS)
    return [notice for notice in notices if notice.is_shown_at(at)]


@receiver([post_save, post_delete], sender=Notice)
def _forget_notices(**kwargs):
    caches["local"].delete(NOTICES_CACHE_KEY)


# --- Help topics ------------------------------------------------------------------------------
SIGNIN_TOPICS_CACHE_KEY = "portal:help:signin-topics"


def signin_topics_cache_key(language):
    return f"{SIGNIN_TOPICS_CACHE_KEY}:{language}"


def help_topic_links_signin(*, language):
    """(version, [(question, url)]) of the published topics listed on the sign-in page.

    Held per process like the notices (the sign-in page is the busiest page), as plain strings
    that are cheap to read back; saving or deleting a topic clears this process's copy at once,
    the others' within NOTICES_CACHE_SECONDS. The version changes with every edit of a topic
    listed, so that the page's cached fragment follows.
    """
    local = caches["local"]
    entry = local.get(signin_topics_cache_key(language))
    if entry is None:
        topics = (
            HelpTopic.objects.published(language)
            .filter(on_signin_page=True)
            .order_by("order", "pk")
        )
        links = [(getattr(t, f"question_{language}"), t.get_absolute_url(language)) for t in topics]
        version = "-".join(f"{t.pk}.{t.updated_at.timestamp()}" for t in topics)
        entry = (version, links)
        local.set(signin_topics_cache_key(language), entry, NOTICES_CACHE_SECONDS)
    return entry


def help_topics_by_category(*, language):
    """[(category, label, [topics])] of the published topics, categories in their set order."""
    topics = {}
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
    caches["local"].delete_many(
        [signin_topics_cache_key(code) for code, _name in settings.LANGUAGES]
    )
