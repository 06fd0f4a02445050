"""The applicant answers a request: one slot per document, a reply, Send; then it is locked."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

from document_requests.models import DocumentRequest, ReplyDocument
from tests.conftest import DEMO_TOTP_SECRET
from tests.document_requests.conftest import upload
from tests.factories import UserFactory
from tests.html import parse


def _url(request, language="en"):
    with translation.override(language):
        return reverse("document_request", args=[request.application.number, request.pk])


def test_account_home_and_the_application_say_action_required_with_days_left(signed_in, waiting):
    home = parse(signed_in.get(reverse("account_home")))
    section = home.select_one(".action-required")
    assert "Action required" in section.get_text()
    assert "10 days left" in section.get_text()
    assert section.select_one(f"a[href='{_url(waiting)}']")
    detail = signed_in.get(reverse("application_detail", args=["W100000001"]))
    banner = parse(detail).select_one(".action-required")
    assert banner.select_one(f"a[href='{_url(waiting)}']")
    with translation.override("fr"):
        french = signed_in.get(reverse("account_home")).content.decode()
    assert "Mesure requise" in french
    assert "10 jours restants" in french


def test_each_document_has_its_slot_and_sending_needs_them_all(signed_in, waiting):
    first, second = waiting.items.all()
    page = parse(signed_in.get(_url(waiting)))
    assert [h.get_text() for h in page.select(".document-slot h2")] == [
        "Job offer letter",
        "Pay slips for the last 3 months",
    ]
    assert upload(signed_in, waiting, first).status_code == 302
    refused = signed_in.post(_url(waiting), {"action": "send", "reply": ""})
    assert refused.status_code == 400
    summary = parse(refused).select_one("#problems")
    assert "Pay slips for the last 3 months" in summary.get_text()
    waiting.refresh_from_db()
    assert waiting.state == DocumentRequest.State.WAITING


def test_sending_answers_the_request_redacts_the_reply_and_locks_the_files(signed_in, waiting):
    first, second = waiting.items.all()
    upload(signed_in, waiting, first)
    upload(signed_in, waiting, second)
    upload(signed_in, waiting, second)  # replaced, not added
    assert ReplyDocument.objects.filter(item__request=waiting).count() == 2
    response = signed_in.post(
        _url(waiting), {"action": "send", "reply": "My SIN is 046 454 286. Thank you."}
    )
    assert response["Location"] == reverse("application_detail", args=["W100000001"])
    waiting.refresh_from_db()
    assert waiting.state == DocumentRequest.State.ANSWERED
    assert waiting.answered_at is not None
    assert "046 454 286" not in waiting.reply
    assert "[redacted: sin]" in waiting.reply
    # Locked: no more uploads, deletions or second sending.
    upload(signed_in, waiting, first)
    signed_in.post(_url(waiting), {"action": "remove", "item": str(first.pk)})
    signed_in.post(_url(waiting), {"action": "send", "reply": "again"})
    waiting.refresh_from_db()
    assert ReplyDocument.objects.filter(item__request=waiting).count() == 2
    assert "again" not in waiting.reply
    page = parse(signed_in.get(_url(waiting)))
    assert page.select("form[enctype]") == []
    assert "You sent these documents on" in page.get_text()


def test_a_file_of_the_wrong_kind_gets_a_clear_message_and_nothing_is_kept(signed_in, waiting):
    first = waiting.items.first()
    response = upload(signed_in, waiting, first, data=b"MZ\x90\x00not an image", name="x.png")
    assert response.status_code == 400
    assert "Send a PNG or JPEG image or a PDF document" in response.content.decode()
    assert not ReplyDocument.objects.exists()


def test_files_are_served_to_their_applicant_only_as_downloads(client, signed_in, waiting):
    first = waiting.items.first()
    upload(signed_in, waiting, first)
    url = reverse("document_request_file", args=["W100000001", waiting.pk, first.pk])
    response = signed_in.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    other = UserFactory(username="otherapplicant", totp_secret=DEMO_TOTP_SECRET)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(_url(waiting)).status_code == 404
    assert upload(client, waiting, first).status_code == 404


def test_a_late_request_can_still_be_answered(signed_in, waiting):
    DocumentRequest.objects.filter(pk=waiting.pk).update(
        due_on=timezone.localdate() - timedelta(days=2), state=DocumentRequest.State.OVERDUE
    )
    page = signed_in.get(_url(waiting)).content.decode()
    assert "The date has passed" in page
    for item in waiting.items.all():
        upload(signed_in, waiting, item)
    signed_in.post(_url(waiting), {"action": "send", "reply": ""})
    waiting.refresh_from_db()
    assert waiting.state == DocumentRequest.State.ANSWERED
