"""Rules that change applications. Views and the admin call these."""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import SecurityEvent, User
from accounts.services import security_event_record
from applications.models import (
    Application,
    LinkAttempt,
    LinkChange,
    Message,
    MessageReply,
    StepChange,
)
from portal.redaction import redact

LINK_MAX_FAILURES = 5
LINK_LOCK = timedelta(hours=24)


def normalize_name(value):
    """Names compared as people type them: without case, accents or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("-", " ").replace("’", "'").split())


def _lock_end(times, now):
    """When the five failures in ``times`` (newest first) lock: 24 hours after the fifth."""
    if len(times) < LINK_MAX_FAILURES or times[0] - times[-1] > LINK_LOCK:
        return None
    until = times[0] + LINK_LOCK
    return until if until > now else None


def _recent_failures(*, now, **where):
    return list(
        LinkAttempt.objects.filter(at__gt=now - 2 * LINK_LOCK, **where)
        .order_by("-at")
        .values_list("at", flat=True)[:LINK_MAX_FAILURES]
    )


def _account_failures(user):
    """The account's failed tries since it last linked something. A success starts the account's
    count afresh, but the failures stay recorded against the applications they named."""
    last_link = LinkChange.objects.filter(
        changed_by=user, action=LinkChange.Action.LINKED
    ).aggregate(at=Max("at"))["at"]
    failures = LinkAttempt.objects.filter(user=user)
    return failures.filter(at__gt=last_link) if last_link else failures


def linking_locked_until(*, user, now=None) -> datetime | None:
    """When five failed tries within 24 hours lock linking: until 24 hours after the fifth."""
    now = now or timezone.now()
    recent = list(
        _account_failures(user)
        .filter(at__gt=now - 2 * LINK_LOCK)
        .order_by("-at")
        .values_list("at", flat=True)[:LINK_MAX_FAILURES]
    )
    return _lock_end(recent, now)


def linking_tries_left(*, user, now=None) -> int:
    """Failed tries the account may still make before the 24-hour lock."""
    now = now or timezone.now()
    recent = _account_failures(user).filter(at__gt=now - LINK_LOCK).count()
    return max(LINK_MAX_FAILURES - recent, 0)


def _target_locked(application, now) -> bool:
    return _lock_end(_recent_failures(now=now, application=application), now) is not None


class LinkingLocked(Exception):
    def __init__(self, until):
        super().__init__(until)
        self.until = until


class NoMatch(Exception):
    """Nothing to link: wrong details, a file already linked or locked (one answer for all)."""


@dataclass(frozen=True)
class LinkRequest:
    """What the applicant typed. Linking needs an identifier from IRCC's own correspondence,
    the application number or the UCI, on every path: names and a birth date alone never link.
    """

    family_name: str
    number: str = ""
    uci: str = ""
    date_of_birth: date | None = None

    def __post_init__(self):
        if not (self.number or (self.uci and self.date_of_birth)):
            raise ValueError("an application number, or a UCI and a date of birth, is required")


def _matches(application, wanted: LinkRequest):
    if normalize_name(application.family_name) != normalize_name(wanted.family_name):
        return False
    if wanted.number:
        return application.number == wanted.number
    return application.uci == wanted.uci and application.date_of_birth == wanted.date_of_birth


def application_link(*, user, wanted: LinkRequest, user_agent: str = ""):
    """Link the applications that match ``wanted`` to ``user``; returns them.

    Raises LinkingLocked during the account's lock, NoMatch otherwise, once the failure is
    recorded against the account and against each unlinked application it named.
    """
    now = timezone.now()
    with transaction.atomic():
        # Serialise this account's attempts so parallel guesses cannot slip past the count.
        User.objects.select_for_update().filter(pk=user.pk).first()
        until = linking_locked_until(user=user, now=now)
        if until:
            raise LinkingLocked(until)
        unlinked = Application.objects.select_for_update().filter(account__isnull=True)
        by_identifier = {"number": wanted.number} if wanted.number else {"uci": wanted.uci}
        named = list(unlinked.filter(**by_identifier).order_by("pk"))
        open_files = [application for application in named if not _target_locked(application, now)]
        matched = [application for application in open_files if _matches(application, wanted)]
        if matched:
            return _link(user=user, applications=matched, user_agent=user_agent)
        LinkAttempt.objects.bulk_create(
            [LinkAttempt(user=user, application=application) for application in named]
            or [LinkAttempt(user=user)]
        )
        security_event_record(
            user=user, kind=SecurityEvent.Kind.LINKING_FAILED, user_agent=user_agent
        )
        until = linking_locked_until(user=user)
    # Outside the transaction, so the failure stays recorded.
    if until:
        raise LinkingLocked(until)
    raise NoMatch


def _link(*, user, applications, user_agent):
    now = timezone.now()
    for application in applications:
        application.account = user
        application.linked_at = now
        application.save(update_fields=["account", "linked_at"])
        LinkChange.objects.create(
            application=application, action=LinkChange.Action.LINKED, account=user, changed_by=user
        )
        security_event_record(
            user=user,
            kind=SecurityEvent.Kind.APPLICATION_LINKED,
            user_agent=user_agent,
            detail=application.number,
        )
    # The failures stay: deleting them would also erase what they count against the files
    # they named (guess four times, link a file of one's own, guess again).
    return applications


@transaction.atomic
def application_unlink(*, application, changed_by, reason):
    """A case officer takes an application back from the account it was linked to."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a reason is required to unlink an application")
    application = Application.objects.select_for_update().get(pk=application.pk)
    owner = application.account
    if owner is None:
        return None
    application.account = None
    application.linked_at = None
    application.save(update_fields=["account", "linked_at"])
    change = LinkChange.objects.create(
        application=application,
        action=LinkChange.Action.UNLINKED,
        account=owner,
        changed_by=changed_by,
        reason=reason,
    )
    security_event_record(
        user=owner, kind=SecurityEvent.Kind.APPLICATION_UNLINKED, detail=application.number
    )
    return change


@transaction.atomic
def message_send(
    *,
    application,
    subject_en,
    subject_fr,
    body_en,
    body_fr,
    sent_by=None,
    allows_reply=False,
    letter=None,
    letter_name="",
):
    """Post a message to the applicant and, once saved, queue the email that announces it.

    ``letter`` is a PDF already checked and rebuilt (``portal.uploads``), kept under a random
    name; ``letter_name`` is the file name the applicant sees.
    """
    from applications.tasks import new_message_email

    message = Message(
        application=application,
        subject_en=subject_en,
        subject_fr=subject_fr,
        body_en=body_en,
        body_fr=body_fr,
        sent_by=sent_by,
        allows_reply=allows_reply,
    )
    if letter is not None:
        message.letter_name = letter_file_name(letter_name)
        message.letter_size = letter.size
        message.letter.save("letter.pdf", letter, save=False)
    stored = str(message.letter.name or "")
    try:
        message.save()
    except Exception:
        if stored:
            message.letter.storage.delete(stored)
        raise
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


def letter_file_name(name):
    """The letter's name as the applicant sees it: the uploaded name's last part, as a PDF."""
    stem = PurePath((name or "").replace("\\", "/")).name.strip()
    stem = stem[:-4] if stem.lower().endswith(".pdf") else stem
    return f"{stem[:150] or 'letter'}.pdf"


REPLY_MAX_LENGTH = 2000
# A double click sends the same reply twice: the second, this soon after, is the first.
REPLY_REPEAT_WINDOW = timedelta(minutes=2)


class RepliesClosed(Exception):
    """The message does not take replies (or is not the sender's): nothing is stored."""


@transaction.atomic
def message_reply_create(*, message, sent_by, body) -> MessageReply:
    """Store the applicant's reply to ``message``, redacted (``portal.redaction``).

    Raises RepliesClosed unless the message allows replies and is about an application of
    ``sent_by``'s. The same text sent again within two minutes returns the first reply.
    """
    locked = (
        Message.objects.select_for_update(of=("self",))
        .filter(pk=message.pk, application__account=sent_by, allows_reply=True)
        .first()
    )
    if locked is None:
        raise RepliesClosed
    text = redact(body.strip())
    if not text:
        raise ValueError("a reply needs text")
    repeat = (
        MessageReply.objects.filter(
            message=locked,
            sent_by=sent_by,
            body=text,
            sent_at__gte=timezone.now() - REPLY_REPEAT_WINDOW,
        )
        .order_by("-sent_at", "-id")
        .first()
    )
    if repeat is not None:
        return repeat
    return MessageReply.objects.create(message=locked, sent_by=sent_by, body=text)


def replies_mark_read(*, message) -> int:
    """A case officer opened the thread: its replies are read by IRCC."""
    return MessageReply.objects.filter(message=message, read_at__isnull=True).update(
        read_at=timezone.now()
    )


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
