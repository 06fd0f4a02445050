"""Reads of applications that views share. Each runs a fixed number of queries."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from applications.models import Application, Message, MessageReply

HOME_PAGE_SIZE = 10


def application_page_for_home(*, user, page_number):
    """One page of the applicant's applications, newest first, with their unread counts."""
    applications = (
        Application.objects.filter(account=user)
        .select_related("type")
        .annotate(unread_count=Count("messages", filter=Q(messages__read_at__isnull=True)))
        .order_by("-received_on", "number")
    )
    return Paginator(applications, HOME_PAGE_SIZE).get_page(page_number)


def unread_message_count(*, user):
    return Message.objects.filter(application__account=user, read_at__isnull=True).count()


def application_get_for_user(*, user, number) -> Application | None:
    """The applicant's own application, with its steps and messages; None for another's."""
    return (
        Application.objects.filter(account=user, number=number.upper())
        .select_related("type")
        .prefetch_related(
            "steps", Prefetch("messages", queryset=Message.objects.order_by("-sent_at", "-id"))
        )
        .first()
    )


def message_get_for_user(*, user, number, pk) -> Message | None:
    """A message about one of the applicant's own applications; None for anyone else's."""
    return (
        Message.objects.filter(pk=pk, application__account=user, application__number=number.upper())
        .select_related("application")
        .first()
    )


def message_replies_for_user(*, message, user) -> list[MessageReply]:
    """The replies the applicant sent to ``message`` from this account, oldest first.

    Replies sent from another account (an application linked to someone else before it was
    unlinked) stay with IRCC: an account sees only what it wrote.
    """
    return list(
        MessageReply.objects.filter(message=message, sent_by=user).order_by("sent_at", "id")
    )
