"""Applicants' private files: their storage, and how they are handed out."""

from django.core.files.storage import storages
from django.http import FileResponse


def document_response(document):
    """A stored document as a download: never shown inline, never cached, never sniffed."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


def documents_storage():
    """Where applicants' documents are kept (``STORAGES["application_documents"]``)."""
    return storages["application_documents"]
