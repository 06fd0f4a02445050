import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from feedback.models import SupportRequest
from tests.html import parse

pytestmark = pytest.mark.django_db


def _image(format_name):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format=format_name)
    return out.getvalue()


def _pdf(*, script=False):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    if script:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(action)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")
PDF = _pdf()
PAYLOAD = b"<script>alert('polyglot')</script>MZ-second-document"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def send(client, upload, **extra):
    return client.post(
        "/en/technical-difficulties/",
        {
            "kind": "technical",
            "where": "Payment",
            "description": "The payment page is blank.",
            "email": "applicant@example.com",
            "consent": "on",
            "attachment": upload,
            **extra,
        },
    )


@pytest.mark.parametrize(
    ("content", "name", "mime"),
    [
        (PNG, "screen.png", "image/png"),
        (JPEG, "photo.JPG", "image/jpeg"),
        (PDF, "screens.pdf", "application/pdf"),
        (PNG, "named-wrongly.pdf", "image/png"),
    ],
)
def test_png_jpeg_and_pdf_are_stored_outside_the_web_root_under_a_new_name(
    client, attachments_dir, content, name, mime
):
    response = send(client, SimpleUploadedFile(name, content, content_type="text/plain"))
    assert response.status_code == 302
    stored = SupportRequest.objects.get()
    assert stored.attachment_type == mime
    path = attachments_dir / stored.attachment.name
    rebuilt = path.read_bytes()
    assert rebuilt[:4] == content[:4]  # the same kind of file, rebuilt (portal/uploads.py)
    if mime.startswith("image/"):
        assert Image.open(io.BytesIO(rebuilt)).size == (8, 8)
    else:
        assert len(pikepdf.open(io.BytesIO(rebuilt)).pages) == 1
    assert name not in stored.attachment.name


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("screen.png", EXE, content_type="image/png"),
        SimpleUploadedFile("screen.png", b"<script>alert(1)</script>", content_type="image/png"),
        SimpleUploadedFile("notes.pdf", b"just some text", content_type="application/pdf"),
        SimpleUploadedFile(
            "a.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif"
        ),
    ],
)
def test_a_file_that_is_not_png_jpeg_or_pdf_by_content_is_refused(client, attachments_dir, upload):
    response = send(client, upload)
    assert response.status_code == 200
    assert "This file is none of those" in parse(response).select_one(".error-summary").get_text()
    assert not SupportRequest.objects.exists()
    assert not attachments_dir.exists() or not any(attachments_dir.rglob("*.*"))


def test_a_file_over_4_mb_is_refused(client, attachments_dir):
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (4 * 1024 * 1024), content_type="image/png")
    response = send(client, big)
    assert response.status_code == 200
    assert "4 MB or less" in parse(response).select_one(".error-summary").get_text()
    assert not SupportRequest.objects.exists()


def test_attachments_have_no_public_address(client, attachments_dir, settings):
    send(client, SimpleUploadedFile("screen.png", PNG))
    stored = SupportRequest.objects.get()
    assert not str(attachments_dir).startswith(str(settings.STATIC_ROOT))
    assert client.get(f"/media/{stored.attachment.name}").status_code == 404
    assert client.get(f"/static/{stored.attachment.name}").status_code == 404


@pytest.mark.parametrize(
    ("content", "name"), [(PNG, "shot.png"), (JPEG, "shot.jpg"), (PDF, "a.pdf")]
)
def test_content_after_a_valid_file_does_not_survive(client, attachments_dir, content, name):
    send(client, SimpleUploadedFile(name, content + PAYLOAD))
    stored = (attachments_dir / SupportRequest.objects.get().attachment.name).read_bytes()
    assert b"polyglot" not in stored
    assert b"MZ-second-document" not in stored


def test_a_pdf_loses_what_it_would_run_when_opened(client, attachments_dir):
    send(client, SimpleUploadedFile("a.pdf", _pdf(script=True)))
    stored = (attachments_dir / SupportRequest.objects.get().attachment.name).read_bytes()
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/OpenAction" not in pdf.Root
    assert b"app.alert" not in stored


def test_a_png_metadata_does_not_survive(client, attachments_dir):
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "45.4215,-75.6972 home")
    Image.new("RGB", (4, 4)).save(out, format="PNG", pnginfo=info)
    send(client, SimpleUploadedFile("shot.png", out.getvalue()))
    stored = (attachments_dir / SupportRequest.objects.get().attachment.name).read_bytes()
    assert b"45.4215" not in stored


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PNG[:40], "could not be read"),
        (PDF[:30], "could not be read"),
    ],
)
def test_a_broken_file_is_refused_with_a_clear_message(client, attachments_dir, content, message):
    name = "x.png" if content.startswith(b"\x89PNG") else "x.pdf"
    response = send(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in parse(response).select_one(".error-summary").get_text()
    assert not SupportRequest.objects.exists()


def test_a_password_protected_pdf_is_refused(client, attachments_dir):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    response = send(client, SimpleUploadedFile("locked.pdf", out.getvalue()))
    assert "protected by a password" in parse(response).select_one(".error-summary").get_text()
    assert not SupportRequest.objects.exists()


def test_a_pdf_loses_the_files_embedded_in_it(client, attachments_dir):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ-embedded-program")
    out = io.BytesIO()
    pdf.save(out)
    send(client, SimpleUploadedFile("a.pdf", out.getvalue()))
    stored = (attachments_dir / SupportRequest.objects.get().attachment.name).read_bytes()
    with pikepdf.open(io.BytesIO(stored)) as rebuilt:
        assert len(rebuilt.attachments) == 0
    assert b"MZ-embedded-program" not in stored


def test_an_image_too_large_to_be_a_screenshot_is_refused(client, attachments_dir):
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, format="PNG")  # 48 megapixels, a few kilobytes
    response = send(client, SimpleUploadedFile("huge.png", out.getvalue()))
    assert "could not be read" in parse(response).select_one(".error-summary").get_text()
    assert not SupportRequest.objects.exists()
