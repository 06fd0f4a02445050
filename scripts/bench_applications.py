#!/usr/bin/env python
"""Applications figure: account home and the application page take about the same time for an
applicant with 1 application as with 200 applications of 20 messages each (within 2x).

Serves the production settings with gunicorn (2 workers) on loopback; prints both page times at
both sizes. The query count itself is asserted by tests/applications/test_queries.py.
"""

from datetime import date

from benchlib import (
    finish,
    free_port,
    gunicorn,
    median_seconds,
    prepare,
    production_env,
    record,
    setup_django,
)

MESSAGES_EACH = 20


def make_applicant():
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from applications.models import Application

    # A database kept between runs (PostgreSQL) starts from the same point each time.
    Application.objects.filter(number__startswith="B").delete()
    User.objects.filter(username="benchapplicant").delete()
    user = User.objects.create(
        username="benchapplicant",
        email="bench@example.com",
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
    env = production_env(free_port())
    prepare(env)
    setup_django(env)
    user, cookie = make_applicant()
    first = add_applications(user, 1, 0)[0]
    home, detail = "/en/account/", f"/en/account/applications/{first.number}/"
    with gunicorn(env) as url:
        small = {page: median_seconds(url + page, cookies=cookie) for page in (home, detail)}
        add_applications(user, 199, 1)
        large = {page: median_seconds(url + page, cookies=cookie) for page in (home, detail)}
    for page, name in ((home, "account home"), (detail, "application page")):
        ratio = large[page] / small[page]
        print(
            f"      {name}: {small[page] * 1000:.1f} ms with 1 application, "
            f"{large[page] * 1000:.1f} ms with 200"
        )
        record(f"{name}, 200 vs 1 application", f"{ratio:.2f}x", "<= 2x", ratio <= 2)
    finish()


if __name__ == "__main__":
    main()
