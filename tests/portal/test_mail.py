"""The one email seam: built in the reader's language, sent by a background task, never inline."""

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from portal.mail import email_build, email_send

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PREFIX = "accounts/email/username_reminder"
CONTEXT = {"usernames": ["maple2026x"], "sign_in_url": "https://portal.example/"}


def test_build_renders_in_the_language_asked():
    english = email_build(
        to=["a@example.com"], template_prefix=PREFIX, context=CONTEXT, language="en"
    )
    french = email_build(
        to=["a@example.com"], template_prefix=PREFIX, context=CONTEXT, language="fr"
    )
    assert english.subject != french.subject
    assert "maple2026x" in english.body
    assert "maple2026x" in french.body
    html = {m: c for c, m in french.alternatives}["text/html"]
    assert "maple2026x" in html


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=QUEUED)
def test_send_queues_and_never_talks_to_the_mail_server():
    email_send(to=["a@example.com"], template_prefix=PREFIX, context=CONTEXT, language="fr")
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"]["to"] == ["a@example.com"]
    assert "maple2026x" in queued.args_kwargs["kwargs"]["body"]


@pytest.mark.django_db
def test_send_waits_for_the_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_send(to=["a@example.com"], template_prefix=PREFIX, context=CONTEXT, language="en")
    assert mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.com"]


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="tests.portal.test_mail.BrokenBackend")
def test_a_mail_server_that_is_down_never_reaches_the_caller(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_send(to=["a@example.com"], template_prefix=PREFIX, context=CONTEXT, language="en")


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.django_db
def test_a_queue_that_fails_never_reaches_the_caller(
    monkeypatch, django_capture_on_commit_callbacks
):
    """After the commit, the answer is already owed: a failing queue is logged, not raised."""
    from portal import mail

    class DownQueue:
        def enqueue(self, **kwargs):
            raise ConnectionError("the task queue is down")

    monkeypatch.setattr(mail, "email_deliver", DownQueue())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email_send(to=["a@example.com"], template_prefix=PREFIX, context=CONTEXT, language="en")
    assert len(callbacks) == 1
