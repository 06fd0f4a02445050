"""Uploaded images and PDFs, rebuilt before they are stored.

A file that starts like a PNG, a JPEG or a PDF may carry anything after that start: a second
document, a script, a polyglot. Images are decoded and encoded again with Pillow (pixels only:
no trailing bytes, no metadata such as a phone's location); PDFs are parsed and written again
with pikepdf (objects only: no trailing bytes, no scripts run on opening). That work runs in a
child process (``portal/untrusted.py``); this module checks the type, hands the files over and
turns the outcome into the applicant's message. App-agnostic, so the application documents use
it as the technical-difficulties form does.
"""

import logging
import subprocess
import sys
import tempfile
from pathlib import Path

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.untrusted import ENCRYPTED, UNREADABLE

logger = logging.getLogger(__name__)

ALLOWED_TYPES = {"image/png": "png", "image/jpeg": "jpg", "application/pdf": "pdf"}
MAX_BYTES = 4 * 1024 * 1024
UNTRUSTED = Path(__file__).with_name("untrusted.py")
CHILD_TIMEOUT = 60  # seconds of wall time; the child's CPU is capped at 30


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


def _readable_file(upload):
    """``upload`` as a file with a descriptor the child process can read: the upload's own
    temporary file when it has one, or a temporary copy of a small upload held in memory."""
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        return open(path(), "rb")  # noqa: SIM115 - closed by rebuild()
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - closed by rebuild()
    upload.seek(0)
    for chunk in upload.chunks():
        copy.write(chunk)
    copy.seek(0)
    return copy


def rebuild(parts):
    """A temporary file, open at its start, holding ``parts`` ((upload, MIME type) pairs, each
    checked by ``check_attachment``) rebuilt: one part as the same kind of file, several
    combined into one PDF. ValidationError with the applicant's message if it cannot be.

    The work is done by ``portal/untrusted.py`` in a process of its own, under memory and CPU
    limits: the decoders never run in a web worker, and a photo's pixels never grow one."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, to the caller
    sources = []
    try:
        arguments = [str(out.fileno())]
        for upload, mime in parts:
            sources.append(_readable_file(upload))
            arguments += [mime, str(sources[-1].fileno())]
        try:
            child = subprocess.run(  # noqa: S603 - our own script, no shell, no user text
                [sys.executable, "-I", str(UNTRUSTED), *arguments],
                pass_fds=[out.fileno(), *(source.fileno() for source in sources)],
                capture_output=True,
                timeout=CHILD_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            logger.error("upload rebuild did not finish: %s", type(error).__name__)
            raise _not_now() from error
    except BaseException:
        out.close()
        raise
    finally:
        for source in sources:
            source.close()
    if child.returncode == 0:
        out.seek(0)
        return out
    out.close()
    if child.returncode == ENCRYPTED:
        raise ValidationError(
            _("This PDF is protected by a password. Send a copy without a password."),
            code="encrypted",
        )
    if child.returncode == UNREADABLE:
        raise _unreadable()
    # A limit reached (a decompression bomb) or a decoder that crashed: unreadable to the
    # applicant, worth a look to the operator. The child's output names no content.
    logger.warning(
        "upload rebuild failed with status %s: %s",
        child.returncode,
        child.stderr.decode(errors="replace")[-500:],
    )
    raise _unreadable()


def _not_now():
    return ValidationError(
        _("We could not check this file just now. Try again in a few minutes."),
        code="not_now",
    )


def upload_rebuild(upload, mime, *, name):
    """A new file named ``name`` holding ``upload`` rebuilt; ValidationError if it cannot be."""
    return File(rebuild([(upload, mime)]), name=name)


def _too_large():
    return ValidationError(
        _("The combined file would be over 4 MB. Send fewer pages, or smaller images."),
        code="too_large",
    )


def document_prepare(uploads):
    """(file, MIME type, display name) of the one file to keep from ``uploads``.

    One file is checked and rebuilt; several are checked, rebuilt and combined into one PDF.
    Raises ValidationError with the applicant's message.
    """
    parts = [(upload, check_attachment(upload)[0]) for upload in uploads]
    if len(parts) == 1:
        mime = parts[0][1]
        return File(rebuild(parts), name=f"file.{ALLOWED_TYPES[mime]}"), mime, uploads[0].name
    content = File(rebuild(parts), name="combined.pdf")
    if content.size > MAX_BYTES:
        content.close()
        raise _too_large()
    return content, "application/pdf", None
