"""Settle slow payments that are due, expire old sessions, and send undelivered webhooks."""

from django.core.management.base import BaseCommand

from payment_stub.services import deliver_pending


class Command(BaseCommand):
    help = "Send the demonstration payment provider's undelivered webhook events (one try each)."

    def handle(self, *args, **options):
        sent, failed = deliver_pending()
        self.stdout.write(f"{sent} event(s) delivered, {failed} not delivered.")
