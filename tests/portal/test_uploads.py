"""portal.uploads hands files to a child process (portal/untrusted.py) and reads its outcome."""

import io
import logging

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from portal import untrusted, uploads


def _png(size=(8, 8), mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def _temporary_upload(data, name):
    """As Django keeps an upload over 2.5 MB: in a temporary file on disk."""
    upload = TemporaryUploadedFile(name, "application/octet-stream", len(data), None)
    upload.write(data)
    upload.seek(0)
    return upload


def _error(parts):
    with pytest.raises(ValidationError) as caught:
        uploads.rebuild(parts)
    return caught.value


def test_an_upload_kept_on_disk_is_read_from_its_own_file():
    upload = _temporary_upload(_png() + b"<script>after the image</script>", "scan.png")
    with uploads.rebuild([(upload, "image/png")]) as out:
        data = out.read()
    assert data.startswith(b"\x89PNG")
    assert b"<script>" not in data
    upload.close()


def test_several_uploads_are_combined_into_one_pdf_in_their_order():
    first = SimpleUploadedFile("a.png", _png((10, 20)))
    second = _temporary_upload(_png((30, 40)), "b.png")
    out = uploads.rebuild([(first, "image/png"), (second, "image/png")])
    with out, pikepdf.open(out) as pdf:
        sizes = [tuple(float(v) for v in page.mediabox[2:]) for page in pdf.pages]
    assert len(sizes) == 2
    assert sizes[0][1] / sizes[0][0] == 2


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded():
    # 48 megapixels of one bit each: a few kilobytes as a PNG, 144 MB once decoded as RGB.
    bomb = SimpleUploadedFile("bomb.png", _png((8000, 6000), mode="1"))
    assert _error([(bomb, "image/png")]).code == "unreadable"


def test_a_file_that_is_not_what_its_type_says_is_unreadable():
    pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.7\n" + b"not a document" * 50)
    assert _error([(pdf, "application/pdf")]).code == "unreadable"
    png_as_jpeg = SimpleUploadedFile("x.jpg", _png())
    assert _error([(png_as_jpeg, "image/jpeg")]).code == "unreadable"


def test_a_child_that_dies_reads_as_unreadable_and_is_logged(tmp_path, monkeypatch, caplog):
    crash = tmp_path / "crash.py"
    crash.write_text(
        "import os, signal, sys\nprint('decoder crashed', file=sys.stderr)\n"
        "sys.stderr.flush()\nos.kill(os.getpid(), signal.SIGKILL)\n"
    )
    monkeypatch.setattr(uploads, "UNTRUSTED", crash)
    with caplog.at_level(logging.WARNING, logger="portal.uploads"):
        error = _error([(SimpleUploadedFile("a.png", _png()), "image/png")])
    assert error.code == "unreadable"
    assert "status -9" in caplog.text
    assert "decoder crashed" in caplog.text


def test_a_child_that_takes_too_long_asks_to_try_again(tmp_path, monkeypatch, caplog):
    slow = tmp_path / "slow.py"
    slow.write_text("import time\ntime.sleep(30)\n")
    monkeypatch.setattr(uploads, "UNTRUSTED", slow)
    monkeypatch.setattr(uploads, "CHILD_TIMEOUT", 0.5)
    with caplog.at_level(logging.ERROR, logger="portal.uploads"):
        error = _error([(SimpleUploadedFile("a.png", _png()), "image/png")])
    assert error.code == "not_now"
    assert "TimeoutExpired" in caplog.text


def test_the_child_runs_under_memory_and_cpu_limits(tmp_path, monkeypatch):
    """untrusted.main sets its limits before it reads anything: a stand-in for the rebuild
    writes what it finds."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        f"import resource, sys\nsys.path.insert(0, {str(uploads.UNTRUSTED.parent)!r})\n"
        "import untrusted\n"
        "def rebuild(source, mime, out):\n"
        "    kinds = (resource.RLIMIT_AS, resource.RLIMIT_CPU)\n"
        "    limits = [resource.getrlimit(kind)[0] for kind in kinds]\n"
        "    out.write(repr(limits).encode())\n"
        "untrusted.rebuild = rebuild\n"
        "sys.exit(untrusted.main(sys.argv[1:]))\n"
    )
    monkeypatch.setattr(uploads, "UNTRUSTED", probe)
    with uploads.rebuild([(SimpleUploadedFile("a.png", _png()), "image/png")]) as out:
        written = out.read().decode()
    assert written == repr([untrusted.MEMORY_LIMIT, untrusted.CPU_SECONDS])
