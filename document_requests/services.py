"""What changes document requests. Views and the admin call these with plain values."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from document_requests.models import REMINDER_DAYS, DocumentRequest, ReplyDocument
from portal.files import document_store, files_delete_on_commit
from portal.mail import email_send
from portal.redaction import redact
from portal.uploads import ALLOWED_TYPES

logger = logging.getLogger(__name__)
REPLY_MAX_LENGTH = 2000


class RequestClosed(Exception):
    """Answered already: its files and reply can no longer change."""


class NotComplete(Exception):
    def __init__(self, missing):
        super().__init__("documents missing")
        self.missing = missing


def _locked(request_id, user) -> DocumentRequest:
    found = (
        DocumentRequest.objects.select_for_update()
        .filter(pk=request_id, application__account=user)
        .first()
    )
    if found is None or not found.is_open:
        raise RequestClosed
    return found


def _applicant_email(request, template_prefix, **context):
    user = request.application.account
    if user is None or not user.email:
        return
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        sign_in_url = settings.PORTAL_BASE_URL + reverse("account_login")
    email_send(
        to=[user.email],
        template_prefix=template_prefix,
        context={"sign_in_url": sign_in_url, "due_on": request.due_on, **context},
        language=language,
    )


def request_announce(request) -> None:
    """Tell the applicant, once the request is saved, that something is asked of them."""
    transaction.on_commit(lambda: _applicant_email(request, "document_requests/email/new"))


@transaction.atomic
def document_attach(*, request_id, user, item_id, content, mime, name) -> ReplyDocument:
    """Keep ``content`` (a File) as the document for one requested item, replacing an earlier
    one, while the request is open."""
    request = _locked(request_id, user)
    item = request.items.filter(pk=item_id).first()
    if item is None:
        raise RequestClosed
    extension = ALLOWED_TYPES[mime]
    stem = name.rsplit(".", 1)[0] if name else item.label
    old = ReplyDocument.objects.filter(item=item).first()
    if old is not None:
        files_delete_on_commit([old.file])
        old.delete()
    document = ReplyDocument(
        item=item,
        original_name=f"{stem[:150]}.{extension}",
        content_type=mime,
        size=content.size,
    )
    document_store(document, content, extension)
    return document


@transaction.atomic
def document_remove(*, request_id, user, item_id) -> bool:
    request = _locked(request_id, user)
    document = ReplyDocument.objects.filter(item__request=request, item_id=item_id).first()
    if document is None:
        return False
    files_delete_on_commit([document.file])
    document.delete()
    return True


@transaction.atomic
def request_send(*, request_id, user, reply, now=None) -> DocumentRequest:
    """Send the documents and the reply: the request is answered and can no longer change.
    A second post (a double-click) finds it answered and changes nothing."""
    now = now or timezone.now()
    request = (
        DocumentRequest.objects.select_for_update()
        .filter(pk=request_id, application__account=user)
        .first()
    )
    if request is None:
        raise RequestClosed
    if request.state == DocumentRequest.State.ANSWERED:
        return request
    missing = [item for item in request.items.all() if not hasattr(item, "document")]
    if missing:
        raise NotComplete(missing)
    request.reply = redact(reply[:REPLY_MAX_LENGTH])
    request.state = DocumentRequest.State.ANSWERED
    request.answered_at = now
    request.save(update_fields=["reply", "state", "answered_at"])
    return request


@transaction.atomic
def request_review(*, request_id, by, now=None) -> bool:
    """Record that an officer reviewed an answered request (who and when), once."""
    return bool(
        DocumentRequest.objects.filter(
            pk=request_id, state=DocumentRequest.State.ANSWERED, reviewed_at__isnull=True
        ).update(reviewed_at=now or timezone.now(), reviewed_by=by)
    )


def _remind(request, days):
    _applicant_email(request, "document_requests/email/reminder", days=days)


def requests_remind(*, now=None) -> tuple[int, int]:
    """Daily: remind applicants 7 days and 1 day before the due date (once each), and mark
    requests past their date overdue. Returns (reminders sent, marked overdue)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    overdue = DocumentRequest.objects.filter(
        state=DocumentRequest.State.WAITING, due_on__lt=today
    ).update(state=DocumentRequest.State.OVERDUE)
    reminded = 0
    for days in REMINDER_DAYS:
        due = today + timedelta(days=days)
        for request in DocumentRequest.objects.filter(
            state=DocumentRequest.State.WAITING, due_on=due
        ).select_related("application__account"):
            with transaction.atomic():
                locked = DocumentRequest.objects.select_for_update().get(pk=request.pk)
                if days in locked.reminded_days:
                    continue
                locked.reminded_days = [*locked.reminded_days, days]
                locked.save(update_fields=["reminded_days"])
                transaction.on_commit(partial(_remind, request, days))
                reminded += 1
    return reminded, overdue
