import functools
from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from helpcentre.models import HelpTopic
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


@functools.cache
def _demo_password_hash():
    from django.contrib.auth.hashers import make_password

    return make_password("Maple2026Leaf")


class UserFactory(DjangoModelFactory):
    """An applicant with a complete profile. Pass ``totp_secret`` to give them an app."""

    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"applicant{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}x")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    given_names = "Alex"
    family_name = "Tremblay"
    date_of_birth = date(1990, 3, 25)
    preferred_language = "en"
    profile_completed_at = factory.LazyFunction(timezone.now)
    # One real Argon2 hash for every user: hashing per user would dominate the suite's time.
    password = factory.LazyFunction(lambda: _demo_password_hash())

    @factory.post_generation
    def totp_secret(user, create, secret, **kwargs):
        user.save()
        if create and secret:
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(user, secret)


class ApplicationTypeFactory(DjangoModelFactory):
    class Meta:
        model = "applications.ApplicationType"
        django_get_or_create = ("code",)

    code = "work-permit"
    name_en = "Work permit"
    name_fr = "Permis de travail"


class ApplicationFactory(DjangoModelFactory):
    """An application with its seven steps, not started."""

    class Meta:
        model = "applications.Application"
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"W{n:09d}")
    uci = factory.Sequence(lambda n: f"{n:08d}")
    type = factory.SubFactory(ApplicationTypeFactory)
    received_on = date(2026, 10, 1)
    family_name = "Côté"
    given_names = "Marie Ève"
    date_of_birth = date(1988, 7, 14)

    @factory.post_generation
    def steps(application, create, extracted, **kwargs):
        if create:
            from applications.services import application_steps_ensure

            application_steps_ensure(application=application)


class MessageFactory(DjangoModelFactory):
    class Meta:
        model = "applications.Message"

    application = factory.SubFactory(ApplicationFactory)
    subject_en = factory.Sequence(lambda n: f"Message {n}")
    subject_fr = factory.Sequence(lambda n: f"Message fr {n}")
    body_en = "Please send your documents."
    body_fr = "Veuillez envoyer vos documents."


class StaffUserFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    is_staff = True

    @factory.post_generation
    def two_step(user, create, extracted, **kwargs):
        # The admin requires two-step verification of every staff member.
        if create and extracted is not False:
            from allauth.mfa.models import Authenticator
            from allauth.mfa.totp.internal.auth import TOTP

            if not Authenticator.objects.filter(user=user, type="totp").exists():
                TOTP.activate(user, "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")


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
