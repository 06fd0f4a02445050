#!/usr/bin/env python
"""Applications figure: account home and the application page take about the same time for an
applicant with 1 application as with 200 applications of 20 messages each (within 2x).

Serves the production settings with gunicorn (2 workers) on loopback, on PostgreSQL and Redis of
its own, with two applicants (one with 1 application, one with 200), timed in alternating rounds;
prints each round's page times at both sizes. The query count itself is asserted by
tests/applications/test_queries.py.
"""

from datetime import date

from benchlib import (
    alternate,
    backend,
    bench_env,
    finish,
    gunicorn,
    median_seconds,
    prepare,
    setup_django,
)

MESSAGES_EACH = 20


def make_applicant(username):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from applications.models import Application

    # A database kept between runs (PostgreSQL) starts from the same point each time.
    Application.objects.filter(account__username=username).delete()
    User.objects.filter(username=username).delete()
    user = User.objects.create(
        username=username,
        email=f"{username}@example.com",
        given_names="Bench",
        family_name="Applicant",
        date_of_birth=date(1990, 1, 1),
        preferred_language="en",
        profile_completed_at=timezone.now(),
    )
    TOTP.activate(user, "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
    client = Client()
    client.force_login(user)
    return (
        user,
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
    )


def add_applications(user, count, start):
    from applications.models import Application, ApplicationType, Message, Step

    kind, _ = ApplicationType.objects.get_or_create(
        code="bench", defaults={"name_en": "Work permit", "name_fr": "Permis de travail"}
    )
    applications = Application.objects.bulk_create(
        Application(
            number=f"B{start + index:09d}",
            uci=f"{start + index:08d}",
            type=kind,
            received_on=date(2026, 1, 1),
            family_name="Applicant",
            given_names="Bench",
            date_of_birth=date(1990, 1, 1),
            account=user,
        )
        for index in range(count)
    )
    Step.objects.bulk_create(
        Step(application=application, kind=step)
        for application in applications
        for step in Step.Kind.values
    )
    Message.objects.bulk_create(
        Message(
            application=application,
            subject_en="Subject",
            subject_fr="Objet",
            body_en="Body",
            body_fr="Texte",
        )
        for application in applications
        for _ in range(MESSAGES_EACH)
    )
    return applications


def main():
    env = bench_env("applications")
    prepare(env)
    setup_django(env)
    small_user, small_cookie = make_applicant("benchapplicant1")
    large_user, large_cookie = make_applicant("benchapplicant200")
    small_first = add_applications(small_user, 1, 0)[0]
    large_first = add_applications(large_user, 200, 1)[0]
    with gunicorn(env) as url:
        for name, small_page, large_page in (
            ("account home", "/en/account/", "/en/account/"),
            (
                "application page",
                f"/en/account/applications/{small_first.number}/",
                f"/en/account/applications/{large_first.number}/",
            ),
        ):
            print(f"      {name}, with 1 application vs with 200:")
            alternate(
                f"{name}, 200 vs 1 application",
                lambda page=small_page: median_seconds(url + page, cookies=small_cookie),
                lambda page=large_page: median_seconds(url + page, cookies=large_cookie),
                ratio=lambda small, large: large / small,
                target="<= 2x",
                passes=lambda ratio: ratio <= 2,
                show=lambda seconds: f"{seconds * 1000:.1f} ms",
                on=backend(env),
            )
    finish()


if __name__ == "__main__":
    main()
