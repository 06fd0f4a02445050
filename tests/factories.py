from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from portal.models import HelpTopic, Notice


class NoticeFactory(DjangoModelFactory):
    class Meta:
        model = Notice

    slug = factory.Sequence(lambda n: f"notice-{n}")
    kind = Notice.Kind.FEATURED
    title_en = ""
    title_fr = ""
    body_en = factory.Sequence(lambda n: f"Notice {n}")
    body_fr = factory.Sequence(lambda n: f"Avis {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))


class HelpTopicFactory(DjangoModelFactory):
    class Meta:
        model = HelpTopic

    category = HelpTopic.Category.SIGNING_IN
    question_en = factory.Sequence(lambda n: f"Question number {n}?")
    question_fr = factory.Sequence(lambda n: f"Question numéro {n}?")
    slug_en = factory.Sequence(lambda n: f"question-{n}")
    slug_fr = factory.Sequence(lambda n: f"question-fr-{n}")
    answer_en = "<p>An answer.</p>"
    answer_fr = "<p>Une réponse.</p>"
    is_published = True
