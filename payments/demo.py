"""The portal as the demonstration provider's merchant. `manage.py seed_demo` calls `load()`.

The provider (payment_stub) is configured as a real one would be by its merchant: through its
own command, called by name, with the key, secret and webhook address the portal uses.
"""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications.models import Application
from payments.models import Payment


def paid_example():
    """One paid fee on the demo applicant's first application: a receipt to look at."""
    applicant = User.objects.filter(username="demoapplicant").first()
    application = Application.objects.filter(account=applicant).order_by("number").first()
    if application is None:
        return 0
    Payment.objects.update_or_create(
        idempotency_key="demo-paid-example",
        defaults={
            "account": applicant,
            "application": application,
            "description": f"Application fee: {application.type.name_en}",
            "amount_cents": 10000,
            "language": "en",
            "status": Payment.Status.PAID,
            "session_id": "cs_demo_paid_example",
            "provider_payment_id": "pi_demo_paid_example",
            "paid_at": timezone.now(),
        },
    )
    return 1


def load():
    paid = paid_example()
    if not apps.is_installed("payment_stub"):
        return f"{paid} paid fee; no demonstration payment provider"
    call_command(
        "payment_stub_merchant",
        name="IRCC secure account",
        api_key=settings.PAYMENT_API_KEY,
        webhook_secret=settings.PAYMENT_WEBHOOK_SECRET,
        webhook_url=settings.PORTAL_BASE_URL + reverse("payment_webhook"),
        verbosity=0,
    )
    return f"{paid} paid fee; the payment provider's merchant"
