"""Kinds of documents officers ask for, and the request the demo's officer message announces.
`manage.py seed_demo` calls `load()`."""

from datetime import timedelta

from django.utils import timezone

from applications.models import Application
from document_requests.models import DocumentKind, DocumentRequest, RequestedItem

KINDS = [
    ("job-offer", "Job offer letter", "Lettre d’offre d’emploi"),
    ("passport-copy", "Copy of your passport", "Copie de votre passeport"),
    ("proof-of-funds", "Proof of funds", "Preuve de fonds"),
    ("police-certificate", "Police certificate", "Certificat de police"),
    ("medical-exam", "Medical exam confirmation", "Confirmation de l’examen médical"),
    ("birth-certificate", "Birth certificate", "Acte de naissance"),
    ("language-test", "Language test results", "Résultats d’un test de langue"),
]


def load():
    for position, (code, english, french) in enumerate(KINDS):
        DocumentKind.objects.update_or_create(
            code=code, defaults={"name_en": english, "name_fr": french, "position": position}
        )
    # The demo message on W100000001 asks for a job offer letter within 30 days: this is it.
    application = Application.objects.filter(number="W100000001").first()
    made = 0
    if application is not None and not application.document_requests.exists():
        request = DocumentRequest.objects.create(
            application=application,
            due_on=timezone.localdate() + timedelta(days=30),
            note_en="Please upload a copy of your job offer letter.",
            note_fr="Veuillez téléverser une copie de votre lettre d’offre d’emploi.",
        )
        RequestedItem.objects.create(
            request=request, kind=DocumentKind.objects.get(code="job-offer")
        )
        made = 1
    return f"{len(KINDS)} kinds of document, {made} document request"
