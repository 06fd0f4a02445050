import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from feedback.models import SupportRequest
from tests.feedback.test_support_attachments import PNG
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_attachment(db):
    Client().post(
        "/en/technical-difficulties/",
        {
            "kind": "technical",
            "where": "Payment",
            "description": "Blank page.",
            "email": "applicant@example.com",
            "consent": "on",
            "attachment": SimpleUploadedFile("<script>.png", PNG),
        },
    )
    return SupportRequest.objects.get()


def test_staff_download_the_attachment_as_a_file_never_inline(triager_client, with_attachment):
    change = f"/en/admin/feedback/supportrequest/{with_attachment.pk}/change/"
    link = parse(triager_client.get(change)).find("a", string="Download the attachment")["href"]
    response = triager_client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{with_attachment.reference}.png"'
    )
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_visitors_cannot_download_attachments(client, with_attachment):
    response = client.get(f"/en/admin/feedback/supportrequest/{with_attachment.pk}/attachment/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_outside_the_triage_group_cannot_download_attachments(client, with_attachment):
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory())
    response = client.get(f"/en/admin/feedback/supportrequest/{with_attachment.pk}/attachment/")
    assert response.status_code == 403


def test_the_submitted_fields_of_a_request_are_read_only(triager_client, with_attachment):
    change = f"/en/admin/feedback/supportrequest/{with_attachment.pk}/change/"
    form = parse(triager_client.get(change)).select_one("form#supportrequest_form")
    editable = {
        field["name"] for field in form.select("input, select, textarea") if field.get("name")
    }
    assert not editable & {"description", "email", "where", "kind", "attachment", "reference"}
    assert {"status", "assignee", "notes"} <= editable


def test_markers_show_in_the_admins_language_and_the_text_in_the_senders(triager_client):
    from feedback.models import SupportRequest
    from tests.factories import SupportRequestFactory

    request = SupportRequestFactory(description="My SIN [redacted: sin] fails", language="en")
    url = f"/fr/admin/feedback/supportrequest/{request.pk}/change/"
    html = triager_client.get(url).content.decode()
    assert '<div lang="en">My SIN <span lang="fr">[caviardé : NAS]</span> fails</div>' in html
    assert SupportRequest.objects.get().description == "My SIN [redacted: sin] fails"
