"""Payments of application fees, and the provider's webhook deliveries already handled."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from apply_online.models import Draft


class Payment(models.Model):
    """One checkout at the provider for one draft's fee: created, paid once, maybe refunded."""

    class Status(models.TextChoices):
        CREATING = "creating", _("Being created")
        OPEN = "open", _("Waiting for the applicant")
        PROCESSING = "processing", _("Being confirmed")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    class Attention(models.TextChoices):
        NONE = "", _("Nothing to do")
        PAID_TWICE = "paid_twice", _("Paid twice: refund this payment")
        DRAFT_GONE = "draft_gone", _("Its application was deleted: refund this payment")
        NOT_SUBMITTED = "not_submitted", _("Paid, but the application could not be submitted")
        AMOUNT = "amount", _("The amount paid is not the fee")

    ACTIVE = (Status.CREATING, Status.OPEN, Status.PROCESSING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # money stays on the books whatever happens to the account
        related_name="payments",
        verbose_name=_("account"),
    )
    draft = models.ForeignKey(
        Draft,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("online application"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("application"),
    )
    description = models.CharField(_("for"), max_length=200)
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="cad")
    # The language of the provider's page and of its description, fixed with the checkout.
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.CREATING, db_index=True
    )
    attention = models.CharField(
        _("needs attention"), max_length=16, choices=Attention, default="", blank=True
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    session_id = models.CharField(
        _("provider checkout"), max_length=255, unique=True, null=True, blank=True
    )
    checkout_url = models.URLField(max_length=500, blank=True)
    provider_payment_id = models.CharField(_("provider reference"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    refund_id = models.CharField(_("provider refund"), max_length=255, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refund recorded by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            # One checkout per draft at a time: a second is refused by the database itself.
            models.UniqueConstraint(
                fields=["draft"],
                condition=Q(status__in=["creating", "open", "processing"]),
                name="payments_one_checkout_per_draft",
            )
        ]
        permissions = [("refund_payment", _("Can record a refund"))]

    def __str__(self):
        return f"{self.description} ({self.get_status_display()})"

    @property
    def amount(self):
        return Decimal(self.amount_cents) / 100

    @property
    def reference(self):
        """What the applicant quotes: short, unambiguous, ours (not the provider's)."""
        return self.id.hex[:12].upper()


class WebhookEvent(models.Model):
    """A provider event already handled: a replayed delivery finds its id here."""

    event_id = models.CharField(_("event"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    payment = models.ForeignKey(
        Payment, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    outcome = models.CharField(_("outcome"), max_length=100, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")

    def __str__(self):
        return f"{self.type} {self.event_id}"
