"""Uploaded images and PDFs, rebuilt before they are stored.

A file that starts like a PNG, a JPEG or a PDF may carry anything after that start: a second
document, a script, a polyglot. Images are decoded and encoded again with Pillow (pixels only:
no trailing bytes, no metadata such as a phone's location); PDFs are parsed and written again
with pikepdf (objects only: no trailing bytes, no scripts run on opening). App-agnostic, so the
application documents use it as the technical-difficulties form does.
"""

import io
import tempfile

import filetype
import pikepdf
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_TYPES = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}
MAX_BYTES = 4 * 1024 * 1024
IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# A screenshot or a phone photo is well under this; a decompression bomb is far over it.
MAX_PIXELS = 40_000_000
# What a PDF may do when opened or printed: none of it is needed to read a document.
PDF_ACTIONS = ("/OpenAction", "/AA")


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


def _unreadable():
    return ValidationError(
        _("This file could not be read. Save it again as a PNG, JPEG or PDF and send it again."),
        code="unreadable",
    )


def image_rebuild(data, mime):
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise _unreadable()
            image.load()
            if image.format != IMAGE_FORMATS[mime]:
                raise _unreadable()
            if mime == "image/jpeg" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            options = {"quality": 90, "optimize": True} if mime == "image/jpeg" else {}
            image.save(out, format=IMAGE_FORMATS[mime], **options)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise _unreadable() from error
    return out.getvalue()


def pdf_rebuild(source):
    """``source`` (a path or a readable, seekable file) parsed and written again to a temporary
    file on disk, returned open at its start. qpdf copies each stream from the source as it
    writes it, so neither the upload nor the result is ever held in memory whole."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, to the caller
    try:
        with pikepdf.open(source) as pdf:
            for action in PDF_ACTIONS:
                if action in pdf.Root:
                    del pdf.Root[action]
            names = pdf.Root.get("/Names")
            for tree in ("/JavaScript", "/EmbeddedFiles"):  # scripts, and files inside the file
                if names is not None and tree in names:
                    del names[tree]
            pdf.save(out)
    except pikepdf.PasswordError as error:
        out.close()
        raise ValidationError(
            _("This PDF is protected by a password. Send a copy without a password."),
            code="encrypted",
        ) from error
    except (pikepdf.PdfError, ValueError) as error:
        out.close()
        raise _unreadable() from error
    out.seek(0)
    return out


def upload_rebuild(upload, mime, *, name):
    """A new file named ``name`` holding ``upload`` rebuilt; ValidationError if it cannot be.

    A PDF is read from the upload's temporary file (or its memory, when small) and written to a
    temporary file; an image is decoded, which needs its pixels in memory whatever is done."""
    upload.seek(0)
    if mime == "application/pdf":
        path = getattr(upload, "temporary_file_path", None)
        return File(pdf_rebuild(path() if path else upload.file), name=name)
    return ContentFile(image_rebuild(upload.read(), mime), name=name)
