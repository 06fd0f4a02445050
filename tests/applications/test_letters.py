"""Letters: a case officer attaches a PDF to a message (checked and rebuilt); the applicant,
and only they, download it."""

import io

import pikepdf
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from applications.demo import letter_pdf
from applications.models import Message
from tests.applications.test_staff import change_form_data
from tests.conftest import DEMO_TOTP_SECRET, with_two_step
from tests.factories import ApplicationFactory, MessageFactory, UserFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

PAYLOAD = b"<script>alert('polyglot')</script>MZ-second-document"


def pdf_bytes(*, script=False):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    if script:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(action)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def letters_dir(monkeypatch, tmp_path):
    """Each test's letters in its own folder (the field's storage is fixed at start-up)."""
    from django.core.files.storage import FileSystemStorage

    location = tmp_path / "documents"
    field = Message._meta.get_field("letter")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=str(location)))
    return location


@pytest.fixture
def officer(db):
    user = with_two_step(UserFactory(username="caseofficer", is_staff=True))
    user.groups.add(Group.objects.get(name="case officer"))
    client = Client()
    client.force_login(user)
    return client


def send(officer, application, letter=None, **extra):
    data, _index = change_form_data(
        application,
        notify="on",
        message_subject_en="Decision",
        message_subject_fr="Décision",
        message_body_en="Your letter is attached.",
        message_body_fr="Votre lettre est jointe.",
        **extra,
    )
    if letter is not None:
        data["message_letter"] = letter
    return officer.post(f"/en/admin/applications/application/{application.pk}/change/", data)


def with_letter(application, content=None, name="Decision letter.pdf"):
    message = MessageFactory(application=application)
    content = content or pdf_bytes()
    message.letter.save("letter.pdf", ContentFile(content), save=False)
    message.letter_name = name
    message.letter_size = len(content)
    message.save()
    return message


def test_the_admin_form_is_multipart_with_the_letter_and_reply_fields(officer):
    application = ApplicationFactory()
    soup = parse(officer.get(f"/en/admin/applications/application/{application.pk}/change/"))
    form = soup.select_one("form#application_form")
    assert form["enctype"] == "multipart/form-data"
    letter = form.select_one("input[type=file][name=message_letter]")
    assert soup.select_one(f"label[for={letter['id']}]").get_text(strip=True).startswith("Letter")
    reply = form.select_one("input[type=checkbox][name=message_allows_reply]")
    assert soup.select_one(f"label[for={reply['id']}]") is not None


def test_a_pdf_letter_with_bytes_after_its_end_is_rebuilt_and_kept_privately(officer, letters_dir):
    application = ApplicationFactory()
    original = pdf_bytes(script=True) + PAYLOAD
    assert original.rindex(b"%%EOF") < original.index(PAYLOAD)  # bytes after the PDF's end
    upload = SimpleUploadedFile("Décision finale.pdf", original, content_type="application/pdf")
    response = send(officer, application, upload, message_allows_reply="on")
    assert response.status_code == 302
    message = Message.objects.get(application=application)
    assert message.allows_reply is True
    assert message.letter_name == "Décision finale.pdf"
    assert message.letter.name.startswith("letters/")
    assert "cision" not in message.letter.name  # a random name in storage
    stored = (letters_dir / message.letter.name).read_bytes()
    assert PAYLOAD not in stored
    assert stored != original
    assert message.letter_size == len(stored)
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1
        assert "/OpenAction" not in pdf.Root  # no script runs on opening


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (png_bytes(), "letter.pdf"),  # an image named as a PDF
        (b"MZ\x90\x00\x03" + b"\x00" * 64, "letter.pdf"),  # a program
        (b"Dear applicant, ...", "letter.txt"),
    ],
)
def test_a_letter_that_is_not_a_pdf_is_refused_with_a_clear_message(officer, content, name):
    application = ApplicationFactory()
    response = send(officer, application, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert "A letter must be a PDF document, and this file is not one." in response.content.decode()
    assert not Message.objects.exists()


def test_an_unreadable_pdf_is_refused(officer):
    application = ApplicationFactory()
    response = send(officer, application, SimpleUploadedFile("broken.pdf", b"%PDF-1.7\nnot a pdf"))
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    assert not Message.objects.exists()


def test_a_letter_or_replies_need_a_message(officer):
    application = ApplicationFactory()
    data, _index = change_form_data(application, message_allows_reply="on")
    data["message_letter"] = SimpleUploadedFile("letter.pdf", pdf_bytes())
    response = officer.post(f"/en/admin/applications/application/{application.pk}/change/", data)
    assert response.status_code == 200
    assert "A letter or replies go with a message" in response.content.decode()
    assert not Message.objects.exists()


def test_a_message_without_a_letter_or_replies_stays_as_before(officer):
    application = ApplicationFactory()
    assert send(officer, application).status_code == 302
    message = Message.objects.get()
    assert (message.allows_reply, bool(message.letter), message.letter_name) == (False, False, "")


@pytest.mark.parametrize(
    ("language", "link", "size"),
    [
        ("en", "Download the letter “Decision letter.pdf”", "(PDF, 1.0 KB)"),
        ("fr", "Télécharger la lettre « Decision letter.pdf »", "(PDF, 1,0 Kio)"),
    ],
)
def test_the_message_page_links_the_letter_with_its_size(signed_in, linked, language, link, size):
    message = with_letter(linked, content=b"%PDF-1.7\n" + b"0" * 1015)
    page = {"en": "/en/account/applications", "fr": "/fr/compte/demandes"}[language]
    soup = parse(signed_in.get(f"{page}/W100000001/messages/{message.pk}/"))
    paragraph = soup.select_one(".message-letter")
    anchor = paragraph.select_one("a")
    assert " ".join(anchor.get_text().split()) == link
    letter = {"en": "letter", "fr": "lettre"}[language]
    assert anchor["href"] == f"{page}/W100000001/messages/{message.pk}/{letter}/"
    assert size in paragraph.get_text().replace("\xa0", " ")


def test_a_message_without_a_letter_shows_no_link(signed_in, linked):
    message = MessageFactory(application=linked)
    soup = parse(signed_in.get(f"/en/account/applications/W100000001/messages/{message.pk}/"))
    assert soup.select_one(".message-letter") is None
    url = f"/en/account/applications/W100000001/messages/{message.pk}/letter/"
    assert signed_in.get(url).status_code == 404


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_applicant_downloads_the_letter_as_an_attachment(signed_in, linked, language):
    content = pdf_bytes()
    message = with_letter(linked, content, name="Décision.pdf")
    path = {"en": "/en/account/applications", "fr": "/fr/compte/demandes"}[language]
    letter = {"en": "letter", "fr": "lettre"}[language]
    response = signed_in.get(f"{path}/W100000001/messages/{message.pk}/{letter}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "D%C3%A9cision.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"


def test_only_the_applicant_gets_the_letter(client, linked):
    message = with_letter(linked)
    url = f"/en/account/applications/W100000001/messages/{message.pk}/letter/"
    response = client.get(url)
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]
    client.force_login(UserFactory(username="someoneelse", totp_secret=DEMO_TOTP_SECRET))
    assert client.get(url).status_code == 404
    # Their own application's number with this message's id is no way in either.
    ApplicationFactory(number="W200000002", account=UserFactory(username="someoneelse"))
    other = f"/en/account/applications/W200000002/messages/{message.pk}/letter/"
    assert client.get(other).status_code == 404


def test_the_letter_download_is_not_a_post_target(signed_in, linked):
    message = with_letter(linked)
    url = f"/en/account/applications/W100000001/messages/{message.pk}/letter/"
    assert signed_in.post(url).status_code == 405


def test_a_letter_missing_from_storage_is_a_404_not_a_500(signed_in, linked, letters_dir):
    message = with_letter(linked)
    (letters_dir / message.letter.name).unlink()
    url = f"/en/account/applications/W100000001/messages/{message.pk}/letter/"
    assert signed_in.get(url).status_code == 404


def test_case_officers_download_the_letter_in_the_admin(officer, linked):
    content = pdf_bytes()
    message = with_letter(linked, content)
    page = officer.get(f"/en/admin/applications/message/{message.pk}/change/").content.decode()
    url = f"/en/admin/applications/message/{message.pk}/letter/"
    assert f'href="{url}"' in page
    response = officer.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    # The admin adds its own never-cache directives to ours.
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))


def test_staff_without_the_permission_cannot_download_a_letter(linked):
    message = with_letter(linked)
    triage = with_two_step(UserFactory(username="triager", is_staff=True))
    triage.groups.add(Group.objects.get(name="triage"))
    client = Client()
    client.force_login(triage)
    response = client.get(f"/en/admin/applications/message/{message.pk}/letter/")
    assert response.status_code == 404


def test_deleting_a_message_deletes_its_letter(
    linked, letters_dir, django_capture_on_commit_callbacks
):
    message = with_letter(linked)
    stored = letters_dir / message.letter.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        message.delete()
    assert not stored.exists()


def test_the_demo_letter_is_a_one_page_pdf_that_passes_the_checks():
    from portal.uploads import check_attachment, upload_rebuild

    content = letter_pdf(["Letter of introduction", "Lettre d’introduction (démonstration)"])
    upload = SimpleUploadedFile("letter.pdf", content)
    mime, _extension = check_attachment(upload)
    assert mime == "application/pdf"
    with upload_rebuild(upload, mime, name="letter.pdf") as rebuilt, pikepdf.open(rebuilt) as pdf:
        assert len(pdf.pages) == 1
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert b"(d\xe9monstration\\)" in pdf.pages[0].Contents.read_bytes()
