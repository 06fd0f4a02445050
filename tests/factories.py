from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from portal.models import Notice


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
