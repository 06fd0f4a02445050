"""Checking an uploaded attachment by its content, never by its name."""

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}
MAX_BYTES = 4 * 1024 * 1024


def check_attachment(upload):
    """The (MIME type, extension) of ``upload``, or ValidationError if it is not one we take."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). Send a file of 4 MB or less."),
            code="too_large",
            params={"size": filesizeformat(upload.size)},
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(262))
    upload.seek(0)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Send a PNG or JPEG image or a PDF document. This file is none of those."),
            code="bad_type",
        )
    return kind.mime, ALLOWED_TYPES[kind.mime]
