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


class StaffUserFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    is_staff = True


class ProblemReportFactory(DjangoModelFactory):
    class Meta:
        model = "feedback.ProblemReport"
        skip_postgeneration_save = True

    path = "/en/sign-in/"
    title = "IRCC secure account: Sign in"
    language = "en"

    @factory.post_generation
    def categories(report, create, extracted, **kwargs):
        from feedback.models import ReportCategory

        for code in extracted or ["broken"]:
            ReportCategory.objects.create(report=report, category=code)


class SupportRequestFactory(DjangoModelFactory):
    class Meta:
        model = "feedback.SupportRequest"

    reference = factory.Sequence(lambda n: f"TD-TEST{n:05d}")
    kind = "technical"
    where = "Sign in"
    description = "The page shows an error."
    email = factory.Sequence(lambda n: f"applicant{n}@example.com")
    language = "en"
    consent_at = factory.LazyFunction(timezone.now)
    fingerprint = factory.Sequence(lambda n: f"{n:064d}")
