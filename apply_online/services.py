"""Rules that change drafts, codes and documents. Views call these with plain values."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationType
from applications.services import application_steps_ensure, message_send
from apply_online import selectors
from apply_online.forms import DATE_FORMAT, section_form
from apply_online.models import (
    CODE_LIFETIME,
    Draft,
    DraftDocument,
    NumberAllocation,
    ReferenceCode,
    reference_code_new,
)
from portal.files import document_store, files_delete_on_commit
from portal.mail import email_send
from portal.uploads import ALLOWED_TYPES

# Online numbers start here, far from the numbers of paper applications staff enter.
NUMBER_BASE = 500_000_000
UCI_BASE = 9_000_000_000
UCI_PATTERN = re.compile(r"[0-9]{8}|[0-9]{10}")
# Answers the account already knows: a new draft starts with them.
PROFILE_ANSWERS = ("family_name", "given_names", "date_of_birth", "email")


# --- Personal reference codes --------------------------------------------------------------


def reference_code_create(*, type_code, answers, now=None) -> ReferenceCode:
    now = now or timezone.now()
    application_type = ApplicationType.objects.get(code=type_code)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return ReferenceCode.objects.create(
                    code=reference_code_new(),
                    type=application_type,
                    answers=answers,
                    expires_at=now + CODE_LIFETIME,
                )
        except IntegrityError:  # a collision among 31**10 codes: draw again
            continue
    raise RuntimeError("could not draw a free reference code")


class CodeProblem(Exception):
    NOT_FOUND, EXPIRED, USED = "not_found", "expired", "used"

    def __init__(self, reason, *, when=None):
        super().__init__(reason)
        self.reason, self.when = reason, when


@transaction.atomic
def reference_code_redeem(*, user, code, now=None) -> Draft:
    """A new draft from a valid code; CodeProblem says why a code cannot be used."""
    now = now or timezone.now()
    found = ReferenceCode.objects.select_for_update().filter(code=code).first()
    if found is None:
        raise CodeProblem(CodeProblem.NOT_FOUND)
    if found.used_at is not None:
        raise CodeProblem(CodeProblem.USED, when=found.used_at)
    if found.expires_at <= now:
        raise CodeProblem(CodeProblem.EXPIRED, when=found.expires_at)
    found.used_at = now
    found.save(update_fields=["used_at"])
    return draft_start(
        user=user, application_type=found.type, eligibility=found.answers, reference_code=found
    )


# --- Drafts ----------------------------------------------------------------------------------


def _profile_answers(user):
    answers = {}
    for name in PROFILE_ANSWERS:
        value = getattr(user, name, "")
        if isinstance(value, date):
            value = value.strftime(DATE_FORMAT)
        if value:
            answers[name] = str(value)
    return answers


def draft_start(*, user, application_type, eligibility=None, reference_code=None) -> Draft:
    """A draft pre-filled with what the account and the questionnaire already told us."""
    eligibility = eligibility or {}
    names = set(selectors.question_names(application_type))
    answers = {k: v for k, v in {**_profile_answers(user), **eligibility}.items() if k in names}
    return Draft.objects.create(
        account=user,
        type=application_type,
        answers=answers,
        eligibility=eligibility,
        reference_code=reference_code,
    )


class DraftClosed(Exception):
    """The draft was submitted (or deleted) meanwhile: it can no longer change."""


def _draft_locked(draft_id, user) -> Draft:
    draft = Draft.objects.select_for_update().filter(pk=draft_id, account=user).first()
    if draft is None or not draft.is_editable:
        raise DraftClosed
    return draft


@transaction.atomic
def draft_section_save(*, draft_id, user, position, typed, complete) -> Draft:
    """Keep what was typed in one section, valid or not; ``complete`` marks it continued."""
    draft = _draft_locked(draft_id, user)
    draft.answers = {**draft.answers, **typed}
    done = set(draft.sections_done)
    (done.add if complete else done.discard)(position)
    draft.sections_done = sorted(done)
    draft.updated_at = timezone.now()
    draft.reminder_sent_at = None
    draft.save(update_fields=["answers", "sections_done", "updated_at", "reminder_sent_at"])
    return draft


class FeePaid(Exception):
    """The draft's fee is paid: it is kept until it is submitted (or the fee refunded)."""


@transaction.atomic
def draft_delete(*, draft_id, user) -> None:
    draft = _draft_locked(draft_id, user)
    if draft.fee_paid_at is not None:
        raise FeePaid
    files_delete_on_commit([document.file for document in draft.documents.all()])
    draft.delete()


# --- Documents -------------------------------------------------------------------------------


@transaction.atomic
def document_attach(*, draft_id, user, item, content, mime, name) -> DraftDocument:
    """Keep ``content`` (a File) as the draft's file for ``item``, replacing an earlier one."""
    draft = _draft_locked(draft_id, user)
    extension = ALLOWED_TYPES[mime]
    # The applicant's file name with the extension of what is kept (a combined file: the item's).
    stem = name.rsplit(".", 1)[0] if name else item.name
    display = f"{stem[:150]}.{extension}"
    old = DraftDocument.objects.filter(draft=draft, item=item).first()
    if old is not None:
        files_delete_on_commit([old.file])
        old.delete()
    document = DraftDocument(
        draft=draft, item=item, original_name=display, content_type=mime, size=content.size
    )
    document_store(document, content, extension)
    draft.updated_at = timezone.now()
    draft.save(update_fields=["updated_at"])
    return document


@transaction.atomic
def document_remove(*, draft_id, user, item) -> bool:
    draft = _draft_locked(draft_id, user)
    document = DraftDocument.objects.filter(draft=draft, item=item).first()
    if document is None:
        return False
    files_delete_on_commit([document.file])
    document.delete()
    draft.updated_at = timezone.now()
    draft.save(update_fields=["updated_at"])
    return True


# --- Review and submission -------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something the review page asks the applicant to fix before submitting."""

    message: str
    url_name: str
    position: int | None = None


def draft_problems(draft, sections, checklist, documents) -> list[Problem]:
    problems = []
    for section in sections:
        form = section_form(section, answers=draft.answers, data=draft.answers)
        if not form.is_valid():
            problems.append(
                Problem(
                    _("Section “%(title)s” is not complete.") % {"title": section.title},
                    "draft_step",
                    section.position,
                )
            )
    held = {document.item_id for document in documents}
    for item in checklist:
        if item.required and item.pk not in held:
            problems.append(
                Problem(
                    _("Upload this document: %(name)s.") % {"name": item.name}, "draft_documents"
                )
            )
    return problems


class SubmissionRefused(Exception):
    def __init__(self, problems):
        super().__init__("draft not complete")
        self.problems = problems


class FeeRequired(Exception):
    """The type has a fee, not yet paid: payment comes first (the payments app)."""


@transaction.atomic
def draft_declare(*, draft_id, user, declaration_name) -> Draft:
    """Keep the signed declaration of a draft whose fee is paid next: the payment, once
    verified, submits the draft with it."""
    draft = _draft_locked(draft_id, user)
    draft.declaration_name = declaration_name
    draft.updated_at = timezone.now()
    draft.save(update_fields=["declaration_name", "updated_at"])
    return draft


def _number_allocate(letter):
    while True:
        allocation = NumberAllocation.objects.create()
        number = f"{letter}{NUMBER_BASE + allocation.pk:09d}"
        if not Application.objects.filter(number=number).exists():
            return number, f"{UCI_BASE + allocation.pk:010d}"


def _parse_date(value):
    return datetime.strptime(value, DATE_FORMAT).date()


@transaction.atomic
def draft_submit(*, draft_id, user, declaration_name, now=None) -> Application:
    """Submit, all or nothing: the application, its steps, the acknowledgement message and its
    email. A second call for the same draft (a double-click, a replayed post) returns the
    application the first made."""
    now = now or timezone.now()
    draft = Draft.objects.select_for_update().filter(pk=draft_id, account=user).first()
    if draft is None:
        raise DraftClosed
    if draft.state == Draft.State.SUBMITTED:
        if draft.application is None:  # submitted, then its application deleted by IRCC
            raise DraftClosed
        return draft.application
    application_type = draft.type
    names = {language: getattr(application_type, f"name_{language}") for language in ("en", "fr")}
    if application_type.fee > 0 and draft.fee_paid_at is None:
        raise FeeRequired
    sections = selectors.sections_for(application_type)
    checklist = selectors.checklist_for(draft)
    problems = draft_problems(draft, sections, checklist, list(draft.documents.all()))
    if problems:
        raise SubmissionRefused(problems)
    answers = draft.answers
    number, new_uci = _number_allocate(application_type.number_letter)
    given_uci = re.sub(r"[\s-]", "", answers.get("uci", ""))
    application = Application.objects.create(
        number=number,
        # The UCI the applicant gave, if the form asks for it; otherwise a new one.
        uci=given_uci if UCI_PATTERN.fullmatch(given_uci) else new_uci,
        type=application_type,
        received_on=timezone.localdate(now),
        # A type's form may leave out what the account already knows.
        family_name=answers.get("family_name", user.family_name),
        given_names=answers.get("given_names", user.given_names),
        date_of_birth=(
            _parse_date(answers["date_of_birth"])
            if answers.get("date_of_birth")
            else user.date_of_birth
        ),
        account=user,
        linked_at=now,
    )
    application_steps_ensure(application=application)
    draft.state = Draft.State.SUBMITTED
    draft.submitted_at = now
    draft.declaration_name = declaration_name
    draft.application = application
    draft.save(update_fields=["state", "submitted_at", "declaration_name", "application"])
    message_send(
        application=application,
        subject_en="We received your application",
        subject_fr="Nous avons reçu votre demande",
        body_en=(
            f"We received your {names['en']} application on "
            f"{application.received_on:%Y-%m-%d}. Your application number is {number}. Keep "
            "it: you need it to contact us about this application. We will send you a message "
            "in your account if we need anything else."
        ),
        body_fr=(
            f"Nous avons reçu votre demande ({names['fr']}) le "
            f"{application.received_on:%Y-%m-%d}. Votre numéro de demande est {number}. "
            "Conservez-le : vous en aurez besoin pour communiquer avec nous au sujet de cette "
            "demande. Nous vous enverrons un message dans votre compte si nous avons besoin "
            "d’autre chose."
        ),
    )
    return application


# --- Clean-up --------------------------------------------------------------------------------


def drafts_expire(*, now=None) -> tuple[int, int]:
    """Delete drafts unchanged for 60 days (with their files); warn, once, those 7 days away.

    Returns (warned, deleted). Run daily (`manage.py drafts_expire`).
    """
    now = now or timezone.now()
    deleted = 0
    for draft in selectors.drafts_expired(now=now):
        with transaction.atomic():
            files_delete_on_commit([document.file for document in draft.documents.all()])
            draft.delete()
        deleted += 1
    warned = 0
    for draft in selectors.drafts_to_warn(now=now):
        with transaction.atomic():
            claimed = Draft.objects.filter(
                pk=draft.pk, reminder_sent_at__isnull=True, updated_at=draft.updated_at
            ).update(reminder_sent_at=now)
            if claimed and draft.account.email:
                user = draft.account
                language = user.preferred_language or settings.LANGUAGE_CODE
                with translation.override(language):
                    sign_in_url = settings.PORTAL_BASE_URL + reverse("account_login")
                email_send(
                    to=[user.email],
                    template_prefix="apply_online/email/draft_expiring",
                    context={"deleted_on": draft.deleted_on, "sign_in_url": sign_in_url},
                    language=language,
                )
                warned += 1
    return warned, deleted
