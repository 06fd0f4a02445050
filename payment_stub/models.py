"""The provider's own records: merchants, checkout sessions, refunds, idempotency keys, events.

Nothing here is the portal's: a merchant is whoever holds an API key, and a checkout session
knows the merchant's order only by the opaque ``client_reference_id`` it was given.
"""

import secrets
import string
from datetime import timedelta

from django.db import models
from django.utils import timezone

ALPHABET = string.ascii_letters + string.digits
SESSION_LIFETIME = timedelta(hours=24)


def random_id(prefix, length=24):
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(length))


def _session_id():
    return random_id("cs_")


def _refund_id():
    return random_id("re_")


def _event_id():
    return random_id("evt_")


class Merchant(models.Model):
    """A business that takes payments through the provider (the portal, for one)."""

    name = models.CharField(max_length=100)
    # Only a digest of the API key is kept: the key itself is the merchant's secret.
    api_key_digest = models.CharField(max_length=64, unique=True)
    webhook_url = models.URLField(max_length=500)
    # Shared with the merchant to sign webhooks, so it is kept as given.
    webhook_secret = models.CharField(max_length=200)
    # Seconds every checkout-session creation waits: to play a slow provider.
    create_delay = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class CheckoutSession(models.Model):
    """One hosted checkout: open until paid (complete) or expired."""

    OPEN, COMPLETE, EXPIRED = "open", "complete", "expired"
    UNPAID, PROCESSING, PAID = "unpaid", "processing", "paid"

    id = models.CharField(primary_key=True, max_length=40, default=_session_id, editable=False)
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="sessions")
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="cad")
    client_reference_id = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=500)
    locale = models.CharField(max_length=2, default="en")
    success_url = models.URLField(max_length=2000)
    cancel_url = models.URLField(max_length=2000)
    # Where the browser reaches the provider: the scheme and host of the success URL.
    base_url = models.CharField(max_length=300)
    status = models.CharField(max_length=10, default=OPEN)
    payment_status = models.CharField(max_length=10, default=UNPAID)
    payment_intent = models.CharField(max_length=40, unique=True, null=True, blank=True)
    # The bank asked the card holder to confirm (test card 4000 0025 0000 3155).
    awaiting_confirmation = models.BooleanField(default=False)
    card_last4 = models.CharField(max_length=4, blank=True)
    created = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # A slow payment (test card 4000 0000 0000 0077) becomes paid at this time.
    settles_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["payment_status", "settles_at"], name="stub_pay_settle_idx"),
            models.Index(fields=["status", "expires_at"], name="stub_pay_expiry_idx"),
        ]

    def __str__(self):
        return self.id

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created + SESSION_LIFETIME
        super().save(*args, **kwargs)

    def success_redirect_url(self):
        return self.success_url.replace("{CHECKOUT_SESSION_ID}", self.id)


class Refund(models.Model):
    """A full refund of one paid checkout session: there is never a second one."""

    id = models.CharField(primary_key=True, max_length=40, default=_refund_id, editable=False)
    session = models.OneToOneField(CheckoutSession, on_delete=models.CASCADE, related_name="refund")
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10, default="succeeded")
    created = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.id


class IdempotencyKey(models.Model):
    """A merchant's Idempotency-Key, the digest of the request it came with and its result."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    request_digest = models.CharField(max_length=64)
    session = models.ForeignKey(CheckoutSession, null=True, on_delete=models.CASCADE)
    refund = models.ForeignKey(Refund, null=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["merchant", "key"], name="stub_pay_idempotency_key")
        ]

    def __str__(self):
        return self.key


class Event(models.Model):
    """A webhook event for a merchant, kept until its endpoint has answered 2xx."""

    id = models.CharField(primary_key=True, max_length=40, default=_event_id, editable=False)
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=60)
    # The exact JSON sent (and signed) at every delivery.
    body = models.TextField()
    created = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["delivered_at"], name="stub_pay_event_pending_idx")]

    def __str__(self):
        return f"{self.type} {self.id}"
