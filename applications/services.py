"""Rules that change applications. Views and the admin call these."""

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import SecurityEvent, User
from accounts.services import security_event_record
from applications.models import Application, LinkAttempt, Message, StepChange

LINK_MAX_FAILURES = 5
LINK_LOCK = timedelta(hours=24)


def normalize_name(value):
    """Names compared as people type them: without case, accents or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("-", " ").replace("’", "'").split())


def linking_locked_until(*, user, now=None) -> datetime | None:
    """When five failed tries within 24 hours lock linking: until 24 hours after the fifth."""
    now = now or timezone.now()
    recent = list(
        LinkAttempt.objects.filter(user=user, at__gt=now - 2 * LINK_LOCK)
        .order_by("-at")
        .values_list("at", flat=True)[:LINK_MAX_FAILURES]
    )
    if len(recent) < LINK_MAX_FAILURES or recent[0] - recent[-1] > LINK_LOCK:
        return None
    until = recent[0] + LINK_LOCK
    return until if until > now else None


class LinkingLocked(Exception):
    def __init__(self, until):
        super().__init__(until)
        self.until = until


class NoMatch(Exception):
    """Nothing to link: wrong details, or already linked to another account (same answer)."""


@dataclass(frozen=True)
class LinkRequest:
    family_name: str
    number: str = ""
    given_name: str = ""
    date_of_birth: object = None


def _matches(application, wanted: LinkRequest):
    if normalize_name(application.family_name) != normalize_name(wanted.family_name):
        return False
    if wanted.number:
        return True
    given = normalize_name(wanted.given_name)
    names = normalize_name(application.given_names)
    return given == names or given in names.split()


def application_link(*, user, wanted: LinkRequest, request=None):
    """Link the applications that match ``wanted`` to ``user``; returns them.

    Raises LinkingLocked during a lock, NoMatch otherwise, once the failure is recorded.
    """
    with transaction.atomic():
        # Serialise this account's attempts so parallel guesses cannot slip past the count.
        User.objects.select_for_update().filter(pk=user.pk).first()
        until = linking_locked_until(user=user)
        if until:
            raise LinkingLocked(until)
        candidates = Application.objects.select_for_update().filter(account__isnull=True)
        if wanted.number:
            candidates = candidates.filter(number=wanted.number)
        else:
            candidates = candidates.filter(date_of_birth=wanted.date_of_birth)
        matched = [application for application in candidates if _matches(application, wanted)]
        if matched:
            return _link(user=user, applications=matched, request=request)
        LinkAttempt.objects.create(user=user)
        security_event_record(user=user, kind=SecurityEvent.Kind.LINKING_FAILED, request=request)
        until = linking_locked_until(user=user)
    # Outside the transaction, so the failure stays recorded.
    if until:
        raise LinkingLocked(until)
    raise NoMatch


def _link(*, user, applications, request):
    now = timezone.now()
    for application in applications:
        application.account = user
        application.linked_at = now
        application.save(update_fields=["account", "linked_at"])
        security_event_record(
            user=user,
            kind=SecurityEvent.Kind.APPLICATION_LINKED,
            request=request,
            detail=application.number,
        )
    LinkAttempt.objects.filter(user=user).delete()
    return applications


@transaction.atomic
def message_send(*, application, subject_en, subject_fr, body_en, body_fr, sent_by=None):
    """Post a message to the applicant and, once saved, queue the email that announces it."""
    from applications.tasks import new_message_email

    message = Message.objects.create(
        application=application,
        subject_en=subject_en,
        subject_fr=subject_fr,
        body_en=body_en,
        body_fr=body_fr,
        sent_by=sent_by,
    )
    if application.account_id:
        transaction.on_commit(lambda: new_message_email.enqueue(message_id=message.pk))
    return message


@transaction.atomic
def step_update(*, step, state, changed_by, message=None):
    """Change a step's state, keeping the change in its history."""
    if step.state == state:
        return None
    change = StepChange.objects.create(
        step=step, old_state=step.state, new_state=state, changed_by=changed_by, message=message
    )
    step.state = state
    step.updated_on = timezone.localdate()
    step.save(update_fields=["state", "updated_on"])
    return change


def message_mark_read(*, message):
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


def application_steps_ensure(*, application):
    """Every application has each step once; new ones start as not started."""
    from applications.models import Step

    existing = set(application.steps.values_list("kind", flat=True))
    Step.objects.bulk_create(
        Step(application=application, kind=kind)
        for kind in Step.Kind.values
        if kind not in existing
    )
