from django.core.management.base import BaseCommand

from document_requests.services import requests_remind


class Command(BaseCommand):
    help = "Daily: remind applicants 7 days and 1 day before a due date; mark late ones overdue."

    def handle(self, *args, **options):
        reminded, overdue = requests_remind()
        self.stdout.write(f"{reminded} reminders sent; {overdue} requests marked overdue.")
