"""Reads of drafts and forms that views share. Each runs a fixed number of queries."""

from datetime import timedelta

from django.db.models import Count, Prefetch

from applications.models import ApplicationType
from apply_online.models import (
    DRAFT_LIFETIME,
    ChecklistItem,
    Choice,
    Draft,
    DraftDocument,
    FormSection,
    Question,
    ReferenceCode,
)

WARN_BEFORE = timedelta(days=7)


def type_online(code) -> ApplicationType | None:
    """The type of ``code`` if applicants may apply for it online."""
    return ApplicationType.objects.filter(code=code, online=True).first()


def reference_code_get(*, code) -> ReferenceCode | None:
    return ReferenceCode.objects.filter(code=code).first()


def section_positions(application_type) -> list[int]:
    return list(
        FormSection.objects.filter(type=application_type)
        .order_by("position")
        .values_list("position", flat=True)
    )


def sections_for(application_type) -> list[FormSection]:
    """The type's sections with their questions and choices: three queries."""
    questions = Question.objects.order_by("position").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position"))
    )
    return list(
        FormSection.objects.filter(type=application_type)
        .order_by("position")
        .prefetch_related(Prefetch("questions", queryset=questions))
    )


def question_names(application_type):
    return Question.objects.filter(section__type=application_type).values_list("name", flat=True)


def checklist_for(draft) -> list[ChecklistItem]:
    """The documents this draft needs, given its answers and the questionnaire's."""
    answers = {**draft.eligibility, **draft.answers}
    items = ChecklistItem.objects.filter(type_id=draft.type_id).order_by("position")
    return [item for item in items if item.applies_to(answers)]


def draft_get_for_user(*, user, draft_id) -> Draft | None:
    return Draft.objects.filter(pk=draft_id, account=user).select_related("type").first()


def documents_of(draft) -> list[DraftDocument]:
    return list(draft.documents.select_related("item"))


def document_get_for_user(*, user, draft_id, item_code) -> DraftDocument | None:
    return (
        DraftDocument.objects.filter(draft_id=draft_id, draft__account=user, item__code=item_code)
        .select_related("item", "draft")
        .first()
    )


def submitted_document_get_for_user(*, user, number, item_code) -> DraftDocument | None:
    return (
        DraftDocument.objects.filter(
            draft__application__number=number,
            draft__application__account=user,
            item__code=item_code,
        )
        .select_related("item")
        .first()
    )


def drafts_for_home(*, user):
    """The account's drafts, each with ``section_count`` and ``resume_position`` (the first
    section not yet complete, None when all are: the review is next). Two queries, however
    many drafts."""
    drafts = list(
        Draft.objects.filter(account=user, state=Draft.State.DRAFT)
        .select_related("type")
        .annotate(section_count=Count("type__sections", distinct=True))
        .order_by("-updated_at")
    )
    positions: dict[int, list[int]] = {}
    sections = FormSection.objects.filter(type__in={d.type_id for d in drafts}).order_by("position")
    for type_id, position in sections.values_list("type_id", "position"):
        positions.setdefault(type_id, []).append(position)
    for draft in drafts:
        done = set(draft.sections_done)
        draft.resume_position = next(  # type: ignore[attr-defined]
            (p for p in positions.get(draft.type_id, []) if p not in done), None
        )
    return drafts


def submission_for(application):
    """The draft an online application came from, with what the summary shows; or None."""
    draft = (
        Draft.objects.filter(application=application)
        .select_related("type")
        .prefetch_related(
            Prefetch("documents", queryset=DraftDocument.objects.select_related("item"))
        )
        .first()
    )
    if draft is None:
        return None
    return draft, sections_for(draft.type)


def drafts_expired(*, now):
    # A draft whose fee is paid is kept: the money is not lost with it (payments flags it).
    return Draft.objects.filter(
        state=Draft.State.DRAFT, fee_paid_at__isnull=True, updated_at__lte=now - DRAFT_LIFETIME
    ).prefetch_related("documents")


def drafts_to_warn(*, now):
    return Draft.objects.filter(
        reminder_sent_at__isnull=True,
        state=Draft.State.DRAFT,
        fee_paid_at__isnull=True,
        updated_at__lte=now - DRAFT_LIFETIME + WARN_BEFORE,
        updated_at__gt=now - DRAFT_LIFETIME,
    ).select_related("account")
