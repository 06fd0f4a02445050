"""Rules that change the help centre's content."""

from django.db import transaction

from helpcentre.models import HelpTopic


@transaction.atomic
def help_topic_publish(*, topic: HelpTopic) -> HelpTopic:
    """Publish ``topic``. ValidationError when it is not written in both languages."""
    topic.is_published = True
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def help_topic_unpublish(*, topic: HelpTopic) -> HelpTopic:
    topic.is_published = False
    topic.save(update_fields=["is_published", "updated_at"])
    return topic
