from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentRequestsConfig(AppConfig):
    """A case officer asks for documents by a date; the applicant sends them in the portal."""

    name = "document_requests"
    verbose_name = _("Document requests")
