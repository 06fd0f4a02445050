"""Rules that change feedback data. Views parse and render; these decide and store."""

import re
import secrets
from datetime import timedelta
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from feedback.categories import with_parents
from feedback.models import ProblemReport, ReportCategory, Status, SupportRequest
from portal.mail import email_send
from portal.redaction import redact

# The first path segment of the secure account's pages, in each language (/en/account/...).
ACCOUNT_SEGMENTS = {"account", "compte"}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
DUPLICATE_WINDOW = timedelta(days=1)


def report_page(*, path, title):
    """(path, title) of a report, anonymous: a signed-in page's path loses its identifiers
    (`/en/account/applications/…/`) and its title, which may name the applicant, is not kept."""
    segments = path.split("/")
    if len(segments) < 3 or segments[2] not in ACCOUNT_SEGMENTS:
        return path, title
    kept = [segment if not re.search(r"\d", segment) else "…" for segment in segments]
    return "/".join(kept), ""


@transaction.atomic
def report_create(*, path, title, language, categories, received_at=None):
    """Store a problem report and its categories; a sub-option brings its parent along."""
    path, title = report_page(path=path, title=title)
    report = ProblemReport.objects.create(
        path=path,
        title=title,
        language=language,
        received_at=received_at or timezone.now(),
    )
    ReportCategory.objects.bulk_create(
        ReportCategory(report=report, category=code) for code in with_parents(categories)
    )
    return report


@transaction.atomic
def report_triage(*, reports, status=None, assignee=None):
    """Bulk status change or assignment from the admin; returns how many changed."""
    changes = {}
    if status is not None:
        changes["status"] = Status(status)
    if assignee is not None:
        changes["assignee"] = assignee
    return reports.update(**changes) if changes else 0


def new_reference():
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(10))
    return f"TD-{code[:5]}-{code[5:]}"


def fingerprint(*, email, description):
    text = f"{email.strip().lower()}\n{' '.join(description.split())}"
    return salted_hmac("feedback.support-request", text).hexdigest()


class Duplicate(Exception):
    """The same person sent the same description within a day: nothing new is stored."""

    def __init__(self, original):
        super().__init__(original.reference if original else "in progress")
        self.original = original


@transaction.atomic
def support_request_create(
    *, kind, where, description, email, language, attachment=None, attachment_type=None
):
    """Store a support request with its description redacted, and acknowledge it by email.

    ``attachment`` is an uploaded file already checked by content; ``attachment_type`` its
    (MIME type, extension) as found by that check. Raises Duplicate for a repeat.
    """
    now = timezone.now()
    description = redact(description.strip())
    digest = fingerprint(email=email, description=description)
    # Two identical posts at once (a double click) cannot both pass the check below.
    if not cache.add(f"feedback:support-request:{digest}", 1, timeout=60):
        raise Duplicate(None)
    original = (
        SupportRequest.objects.filter(fingerprint=digest, received_at__gte=now - DUPLICATE_WINDOW)
        .order_by("received_at")
        .first()
    )
    if original:
        raise Duplicate(original)
    request = SupportRequest(
        reference=new_reference(),
        kind=kind,
        where=redact(where.strip()),
        description=description,
        email=email.strip(),
        language=language,
        received_at=now,
        consent_at=now,
        fingerprint=digest,
    )
    if attachment is not None:
        request.attachment_type, extension = attachment_type
        request.attachment.save(f"{uuid4().hex}.{extension}", attachment, save=False)
    try:
        request.save()
    except Exception:
        if request.attachment:
            request.attachment.delete(save=False)
        raise
    support_request_acknowledge(request=request)
    return request


def support_request_acknowledge(*, request):
    """The acknowledgement, in the sender's language: the reference number and what happens
    next, and nothing the sender wrote (the form must not relay text to any address typed in
    it). Queued after the request is stored: a mail server that is down never costs a 500."""
    email_send(
        to=[request.email],
        template_prefix="feedback/email/acknowledgement",
        context={"reference": request.reference, "reply_days": 10},
        language=request.language,
    )
