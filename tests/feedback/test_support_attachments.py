import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from feedback.models import SupportRequest
from tests.html import parse

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
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
    assert path.read_bytes() == content
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
