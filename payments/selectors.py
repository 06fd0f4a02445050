"""Reading payments: each for its own applicant only."""

from apply_online.models import Draft
from payments.models import Payment


def payment_get_for_user(*, user, payment_id) -> Payment | None:
    return (
        Payment.objects.filter(pk=payment_id, account=user)
        .select_related("application", "draft")
        .first()
    )


def active_payment_of(draft) -> Payment | None:
    return Payment.objects.filter(draft=draft, status__in=Payment.ACTIVE).first()


def paid_for_application(application) -> list[Payment]:
    return list(
        Payment.objects.filter(
            application=application, status__in=(Payment.Status.PAID, Payment.Status.REFUNDED)
        ).order_by("paid_at")
    )


def draft_for_payment(*, user, draft_id) -> Draft | None:
    return Draft.objects.filter(pk=draft_id, account=user).select_related("type").first()
