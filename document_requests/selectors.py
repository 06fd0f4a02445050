"""Reading document requests: each applicant's own, and the officers' queue."""

from django.db.models import Prefetch

from document_requests.models import (
    AnsweredRequest,
    DocumentRequest,
    ReplyDocument,
    RequestedItem,
)


def _items():
    return Prefetch(
        "items",
        queryset=RequestedItem.objects.select_related("kind", "document").order_by(
            "position", "pk"
        ),
    )


def open_requests_for_user(*, user) -> list[DocumentRequest]:
    """What account home shows under "Action required": one query, however many."""
    return list(
        DocumentRequest.objects.filter(application__account=user, state__in=DocumentRequest.OPEN)
        .select_related("application")
        .order_by("due_on", "pk")
    )


def requests_for_application(application) -> list[DocumentRequest]:
    """The application's requests, newest first: one query."""
    return list(DocumentRequest.objects.filter(application=application).order_by("-created_at"))


def request_get_for_user(*, user, number, pk) -> DocumentRequest | None:
    return (
        DocumentRequest.objects.filter(pk=pk, application__number=number, application__account=user)
        .select_related("application")
        .prefetch_related(_items())
        .first()
    )


def document_get_for_user(*, user, number, pk, item_id) -> ReplyDocument | None:
    return (
        ReplyDocument.objects.filter(
            item_id=item_id,
            item__request_id=pk,
            item__request__application__number=number,
            item__request__application__account=user,
        )
        .select_related("item")
        .first()
    )


def queue():
    """Answered, not yet reviewed, oldest first (the partial index `document_requests_queue`)."""
    return (
        AnsweredRequest.objects.filter(
            state=DocumentRequest.State.ANSWERED, reviewed_at__isnull=True
        )
        .select_related("application")
        .order_by("answered_at", "pk")
    )
