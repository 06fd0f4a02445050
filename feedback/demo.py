"""Demonstration data of the feedback app: a few problem reports for the triage list."""

from datetime import timedelta

from django.utils import timezone

from feedback.models import ProblemReport
from feedback.services import report_create

REPORTS = [
    ("/en/sign-in/", "IRCC secure account: Sign in", "en", ["login-gckey"], 1),
    ("/en/sign-in/", "IRCC secure account: Sign in", "en", ["broken"], 3),
    (
        "/fr/ouvrir-session/",
        "Ouvrir une session à votre compte sécurisé d'IRCC",
        "fr",
        ["spelling"],
        2,
    ),
    (
        "/fr/ouvrir-session/",
        "Ouvrir une session à votre compte sécurisé d'IRCC",
        "fr",
        ["login-partner"],
        12,
    ),
    ("/en/technical-difficulties/", "Technical difficulties: web form", "en", ["not-found"], 20),
]


def load():
    """Create the demo reports once (their note says demo); returns a summary line."""
    if not ProblemReport.objects.filter(notes="demo").exists():
        now = timezone.now()
        for path, title, language, categories, days_ago in REPORTS:
            report = report_create(
                path=path,
                title=title,
                language=language,
                categories=categories,
                received_at=now - timedelta(days=days_ago),
            )
            ProblemReport.objects.filter(pk=report.pk).update(notes="demo")
    return f"{ProblemReport.objects.filter(notes='demo').count()} problem reports"
