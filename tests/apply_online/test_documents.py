"""Upload slots: checked by content, rebuilt, combined, private, and the applicant's only."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apply_online.models import DraftDocument
from tests.accounts.conftest import delivering
from tests.apply_online.conftest import jpeg, png
from tests.conftest import DEMO_TOTP_SECRET


def _upload(client, draft, item, *files):
    return client.post(
        reverse("draft_documents", args=[draft.pk]), {"item": item, f"{item}-files": list(files)}
    )


def test_an_image_is_rebuilt_and_stored_under_a_random_name(signed_in, transit_draft):
    data = png() + b"<script>trailing</script>"
    response = _upload(
        signed_in, transit_draft, "passport", SimpleUploadedFile("my passport.png", data)
    )
    assert response.status_code == 302
    document = DraftDocument.objects.get()
    assert document.original_name == "my passport.png"
    assert "passport" not in document.file.name
    stored = document.file.read()
    assert stored.startswith(b"\x89PNG")
    assert b"<script>" not in stored


def test_several_images_are_combined_into_one_pdf_in_order(signed_in, transit_draft):
    files = [SimpleUploadedFile(f"page{n}.jpg", jpeg(40 + n, 30)) for n in range(3)]
    files.append(SimpleUploadedFile("page4.png", png()))
    assert _upload(signed_in, transit_draft, "onward_ticket", *files).status_code == 302
    document = DraftDocument.objects.get()
    assert document.content_type == "application/pdf"
    with pikepdf.open(io.BytesIO(document.file.read())) as pdf:
        assert len(pdf.pages) == 4
        widths = [float(page.mediabox[2]) for page in pdf.pages[:3]]
    assert widths == sorted(widths)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Send a PNG or JPEG image or a PDF document."),
        ("fr", "Envoyez une image PNG ou JPEG ou un document PDF."),
    ],
)
def test_a_file_of_another_kind_is_refused_in_the_page_language(
    signed_in, transit_draft, language, expected
):
    from django.utils import translation

    with translation.override(language):
        url = reverse("draft_documents", args=[transit_draft.pk])
    page = signed_in.post(
        url, {"item": "photo", "photo-files": [SimpleUploadedFile("x.png", b"MZ\x90\x00 exe")]}
    )
    assert page.status_code == 400
    assert expected in page.content.decode()
    assert not DraftDocument.objects.exists()


def test_a_file_over_4_mb_is_refused(signed_in, transit_draft):
    big = SimpleUploadedFile("big.png", png() + b"\0" * (4 * 1024 * 1024))
    page = _upload(signed_in, transit_draft, "photo", big)
    assert page.status_code == 400
    assert "Send a file of 4 MB or less." in page.content.decode()


def test_replacing_keeps_one_file_and_removes_the_old_one(
    signed_in, transit_draft, documents_storage
):
    _upload(signed_in, transit_draft, "photo", SimpleUploadedFile("a.png", png()))
    first = DraftDocument.objects.get().file.name
    with delivering():
        _upload(signed_in, transit_draft, "photo", SimpleUploadedFile("b.jpg", jpeg()))
    document = DraftDocument.objects.get()
    assert document.original_name == "b.jpg"
    assert document.file.name != first
    assert not (documents_storage / first).exists()


def test_the_applicant_downloads_and_deletes_their_file(signed_in, transit_draft):
    _upload(signed_in, transit_draft, "photo", SimpleUploadedFile("a.png", png()))
    response = signed_in.get(reverse("draft_document_file", args=[transit_draft.pk, "photo"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    response = signed_in.post(reverse("draft_document_delete", args=[transit_draft.pk, "photo"]))
    assert response.status_code == 302
    assert not DraftDocument.objects.exists()


def test_nobody_else_gets_the_file(client, transit_draft):
    from tests.apply_online.conftest import attach
    from tests.factories import UserFactory

    attach(transit_draft, "photo")
    url = reverse("draft_document_file", args=[transit_draft.pk, "photo"])
    assert client.get(url).status_code == 302  # signed out: to the sign-in page
    client.force_login(UserFactory(username="notmyfile", totp_secret=DEMO_TOTP_SECRET))
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("draft_document_delete", args=[transit_draft.pk, "photo"])).status_code
        == 404
    )
    assert DraftDocument.objects.exists()


def test_an_item_the_checklist_does_not_ask_for_is_404(signed_in, transit_draft):
    # Court records are asked for only after answering yes to the criminal-record question.
    response = _upload(
        signed_in, transit_draft, "court_records", SimpleUploadedFile("a.png", png())
    )
    assert response.status_code == 404


def test_a_pdf_and_photos_are_combined_with_the_pdf_pages_kept(signed_in, transit_draft):
    source = pikepdf.new()
    source.add_blank_page(page_size=(300, 400))
    source.add_blank_page(page_size=(300, 400))
    source.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
    pdf = io.BytesIO()
    source.save(pdf)
    files = [
        SimpleUploadedFile("letter.pdf", pdf.getvalue()),
        SimpleUploadedFile("photo.jpg", jpeg()),
    ]
    assert _upload(signed_in, transit_draft, "passport", *files).status_code == 302
    document = DraftDocument.objects.get()
    with pikepdf.open(io.BytesIO(document.file.read())) as combined:
        assert len(combined.pages) == 3
        assert "/OpenAction" not in combined.Root
    assert document.size == document.file.size
