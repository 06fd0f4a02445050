"""Daily: warn applicants 7 days before an unchanged draft is deleted; delete it after 60 days."""

from django.core.management.base import BaseCommand

from apply_online.services import drafts_expire


class Command(BaseCommand):
    help = "Delete drafts unchanged for 60 days (and their files); warn 7 days before."

    def handle(self, *args, **options):
        warned, deleted = drafts_expire()
        self.stdout.write(f"{warned} applicants warned, {deleted} drafts deleted.")
