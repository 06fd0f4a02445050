"""Load the demonstration data. Safe to run again: it updates what it made before.

Each installed app that has a `demo` module contributes through its `load()` function, which
returns a short summary line.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_modules():
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        if find_spec(name) is not None:
            yield import_module(name)


class Command(BaseCommand):
    help = "Create or refresh the demonstration data (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo loads demonstration data and runs only with DEBUG on.")
        with transaction.atomic():
            summaries = [module.load() for module in demo_modules()]
        self.stdout.write(self.style.SUCCESS("Demo data ready: " + "; ".join(summaries) + "."))
