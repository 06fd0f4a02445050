"""Create or update the stub provider's merchant that holds an API key (the seed calls it).

Without --api-key, the one merchant there is is updated with the options given (for example
``manage.py payment_stub_merchant --create-delay 5`` to play a slow provider, then ``0``).
"""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from payment_stub.models import Merchant
from payment_stub.services import merchant_save


class Command(BaseCommand):
    help = "Create or update the demonstration payment provider's merchant with this API key."

    def add_arguments(self, parser):
        parser.add_argument("--name", help="shown on the payment page (default: Demo merchant)")
        parser.add_argument("--api-key", help="the Bearer key of the API")
        parser.add_argument("--webhook-secret", help="signs the webhooks")
        parser.add_argument("--webhook-url", help="where events are POSTed")
        parser.add_argument(
            "--create-delay",
            type=float,
            help="seconds each checkout-session creation waits, to play a slow provider",
        )

    def handle(self, *args, **options):
        given = {
            field: options[field]
            for field in ("name", "webhook_secret", "webhook_url", "create_delay")
            if options[field] is not None
        }
        self._check(given)
        api_key = options["api_key"]
        if api_key is None:
            merchants = list(Merchant.objects.all()[:2])
            if len(merchants) != 1:
                raise CommandError("Give --api-key: there is not exactly one merchant to update.")
            merchant = merchants[0]
            for field, value in given.items():
                setattr(merchant, field, value)
            merchant.save()
            created = False
        else:
            if not api_key.strip():
                raise CommandError("--api-key must not be empty.")
            try:
                merchant, created = merchant_save(api_key=api_key.strip(), **given)
            except ValueError as problem:
                raise CommandError(f"{problem} Give --webhook-url and --webhook-secret.") from None
        if options["verbosity"] >= 1:
            verb = "Created" if created else "Updated"
            self.stdout.write(f"{verb} the payment stub's merchant {merchant.name!r}.")

    def _check(self, given):
        if "webhook_url" in given:
            url = urlsplit(given["webhook_url"])
            if url.scheme not in ("http", "https") or not url.hostname:
                raise CommandError("--webhook-url must be an absolute http or https URL.")
        for field in ("name", "webhook_secret"):
            if field in given and not given[field].strip():
                raise CommandError(f"--{field.replace('_', '-')} must not be empty.")
        if not 0 <= given.get("create_delay", 0) <= 60:
            raise CommandError("--create-delay must be between 0 and 60 seconds.")
