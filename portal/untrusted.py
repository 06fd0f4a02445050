"""Uploaded files decoded and written again, in a short-lived process of their own.

``portal.uploads`` runs this file as ``python -I untrusted.py OUT MIME IN [MIME IN ...]``, where
OUT and each IN are file descriptors it passes open. One input is rebuilt into OUT as the same
kind of file; several are rebuilt and combined into one PDF. It imports nothing of the portal
(not even Django), so it starts quickly, and it runs under memory and CPU limits:

- a file crafted against a decoder (libjpeg, libpng, qpdf) meets it here, not in a web worker;
- the pixels of a decoded photo (often ten times the size of its JPEG) are held here and
  returned to the system when the process ends, so a web worker never grows by them.

Exit status: 0 done; 3 the file cannot be read as what it claims to be; 4 a PDF with a password;
anything else (a limit reached, a crash) is the caller's to report.
"""

import io
import os
import resource
import sys
import tempfile

UNREADABLE = 3
ENCRYPTED = 4
# A screenshot or a phone photo is well under this; a decompression bomb is far over it.
MAX_PIXELS = 40_000_000
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space: far above 40 megapixels' needs
CPU_SECONDS = 30
IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
# What a PDF may do when opened or printed: none of it is needed to read a document.
PDF_ACTIONS = ("/OpenAction", "/AA")
PDF_NAME_TREES = ("/JavaScript", "/EmbeddedFiles")  # scripts, and files inside the file


class Unreadable(Exception):
    pass


class Encrypted(Exception):
    pass


def image_rebuild(source, mime, out):
    """Pixels only: no trailing bytes, no metadata such as a phone's location."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            if image.format != IMAGE_FORMATS[mime] or image.width * image.height > MAX_PIXELS:
                raise Unreadable
            image.load()
            if mime == "image/jpeg" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            options = {"quality": 90, "optimize": True} if mime == "image/jpeg" else {}
            image.save(out, format=IMAGE_FORMATS[mime], **options)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise Unreadable from error


def pdf_rebuild(source, out):
    """Objects only: no trailing bytes, no scripts or actions run on opening, no embedded files.
    qpdf copies each stream from the source as it writes it."""
    import pikepdf

    try:
        with pikepdf.open(source) as pdf:
            for action in PDF_ACTIONS:
                if action in pdf.Root:
                    del pdf.Root[action]
            names = pdf.Root.get("/Names")
            for tree in PDF_NAME_TREES:
                if names is not None and tree in names:
                    del names[tree]
            pdf.save(out)
    except pikepdf.PasswordError as error:
        raise Encrypted from error
    except (pikepdf.PdfError, ValueError) as error:
        raise Unreadable from error


def rebuild(source, mime, out):
    if mime == "application/pdf":
        pdf_rebuild(source, out)
    elif mime in IMAGE_FORMATS:
        image_rebuild(source, mime, out)
    else:
        raise Unreadable


def combine(parts, out):
    """One PDF from ``parts`` ((mime, file) pairs), each rebuilt first, pages in order."""
    import img2pdf
    import pikepdf

    combined = pikepdf.new()
    sources = []  # open until the combined file is written: its pages copy from them
    try:
        for mime, source in parts:
            rebuilt = tempfile.TemporaryFile()  # noqa: SIM115 - closed with its PDF below
            rebuild(source, mime, rebuilt)
            rebuilt.seek(0)
            if mime != "application/pdf":
                page = img2pdf.convert(rebuilt.read(), rotation=img2pdf.Rotation.ifvalid)
                rebuilt.close()
                rebuilt = io.BytesIO(page)
            sources.append(pikepdf.open(rebuilt))
            combined.pages.extend(sources[-1].pages)
        combined.save(out)
    except (pikepdf.PdfError, img2pdf.ImageOpenError, ValueError) as error:
        raise Unreadable from error
    finally:
        for source in sources:
            source.close()


def main(argv):
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    out = os.fdopen(int(argv[0]), "wb")
    pairs = argv[1:]
    parts = [(pairs[i], os.fdopen(int(pairs[i + 1]), "rb")) for i in range(0, len(pairs), 2)]
    try:
        if len(parts) == 1:
            rebuild(parts[0][1], parts[0][0], out)
        else:
            combine(parts, out)
    except Unreadable:
        return UNREADABLE
    except Encrypted:
        return ENCRYPTED
    except MemoryError:
        return UNREADABLE  # a decompression bomb that passed the pixel check
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
