"""The daily task: reminders 7 days and 1 day before, once each; overdue after the date."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from document_requests.models import DocumentRequest
from document_requests.services import requests_remind
from tests.accounts.conftest import delivering


def test_reminders_go_once_7_days_and_1_day_before(waiting, applicant):
    today = timezone.localdate()
    with delivering():
        for days_before in (8, 7, 7, 2, 1, 1):
            DocumentRequest.objects.filter(pk=waiting.pk).update(
                due_on=today + timedelta(days=days_before)
            )
            requests_remind()
    subjects = [m.subject for m in mail.outbox if m.to == [applicant.email]]
    assert subjects == [
        "Reminder: documents due in 7 days",
        "Reminder: documents due in 1 day",
    ]


def test_a_request_past_its_date_becomes_overdue_and_an_answered_one_does_not(waiting, application):
    yesterday = timezone.localdate() - timedelta(days=1)
    answered = DocumentRequest.objects.create(
        application=application,
        due_on=yesterday,
        state=DocumentRequest.State.ANSWERED,
        answered_at=timezone.now(),
    )
    DocumentRequest.objects.filter(pk=waiting.pk).update(due_on=yesterday)
    call_command("document_requests_remind", stdout=open("/dev/null", "w"))  # noqa: SIM115
    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.state == DocumentRequest.State.OVERDUE
    assert answered.state == DocumentRequest.State.ANSWERED
