"""Applicants' private files: their storage, and how they are handed out."""

import logging

from django.core.files.storage import storages
from django.db import transaction
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


def file_download(field_file, *, filename, content_type):
    """A stored file as a download: never shown inline, never cached, never sniffed. A file
    missing from storage is a 404 for the asker and an error in the log."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        logger.error("stored file missing: %s", field_file.name)
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


def document_response(document):
    """A stored document (``file``, ``original_name``, ``content_type``) as a download."""
    return file_download(
        document.file, filename=document.original_name, content_type=document.content_type
    )


def documents_storage():
    """Where applicants' documents are kept (``STORAGES["application_documents"]``)."""
    return storages["application_documents"]


def document_store(document, content, extension):
    """Save ``content`` (a File) as ``document.file`` under a random name, then the row; if
    the row cannot be saved, the stored file goes too: never a file without its row."""
    document.file.save(f"file.{extension}", content, save=False)
    stored = str(document.file.name)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(stored)
        raise


def files_delete_on_commit(files):
    """Delete the stored ``files`` once the transaction that drops their rows commits."""
    names = [(f.storage, f.name) for f in files if f]

    def delete():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete, robust=True)  # a file left behind is not worth an error
