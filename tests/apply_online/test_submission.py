"""Review, declaration and submission: all or nothing, once, and what staff see of it."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from applications.models import Application, Message
from apply_online.models import Draft
from apply_online.services import FeeRequired, draft_start, draft_submit
from tests.accounts.conftest import delivering
from tests.apply_online.conftest import TRANSIT_ANSWERS, attach, fill

DECLARE = {"full_name": "Marie Ève Côté-O'Brien", "agree": "on"}


def _review(draft, language="en"):
    with translation.override(language):
        return reverse("draft_review", args=[draft.pk])


def test_the_review_lists_every_answer_with_change_links(signed_in, ready_draft):
    html = signed_in.get(_review(ready_draft)).content.decode()
    for position in range(1, 6):
        assert f'href="{reverse("draft_step", args=[ready_draft.pk, position])}"' in html
    assert "AB123456" in html
    assert "Female" in html
    assert "Mexique" in html
    assert "Ticket for your connecting flight" in html


def test_submission_makes_the_application_message_and_email_once(signed_in, ready_draft, applicant):
    with delivering():
        response = signed_in.post(_review(ready_draft), DECLARE)
    application = Application.objects.get()
    assert response["Location"] == reverse("application_detail", args=[application.number])
    assert re.fullmatch(r"V[0-9]{9}", application.number)
    assert application.account == applicant
    assert application.family_name == "Côté-O’Brien"
    assert application.steps.count() == 7
    message = Message.objects.get(application=application)
    assert message.subject_en == "We received your application"
    assert message.subject_fr == "Nous avons reçu votre demande"
    assert application.number in message.body_en
    assert application.number in message.body_fr
    assert len(mail.outbox) == 1
    assert "AB123456" not in mail.outbox[0].body
    assert application.number not in mail.outbox[0].body
    ready_draft.refresh_from_db()
    assert ready_draft.state == Draft.State.SUBMITTED
    assert ready_draft.declaration_name == DECLARE["full_name"]
    # A replayed post, a double-click: the same application, nothing more.
    again = signed_in.post(_review(ready_draft), DECLARE)
    assert again["Location"] == reverse("application_detail", args=[application.number])
    assert Application.objects.count() == 1
    assert (
        draft_submit(draft_id=ready_draft.pk, user=applicant, declaration_name="x") == application
    )
    # The draft is read-only now: its pages lead to the application.
    step = signed_in.post(reverse("draft_step", args=[ready_draft.pk, 1]), {"family_name": "X"})
    assert step["Location"] == reverse("application_detail", args=[application.number])
    ready_draft.refresh_from_db()
    assert ready_draft.answers["family_name"] == "Côté-O’Brien"


def test_numbers_are_never_reused(ready_draft, applicant, forms):
    first = draft_submit(draft_id=ready_draft.pk, user=applicant, declaration_name="x")
    first.delete()
    other = fill(
        draft_start(user=applicant, application_type=forms["transit-visa"]), *TRANSIT_ANSWERS
    )
    for code in ("passport", "photo", "onward_ticket"):
        attach(other, code)
    second = draft_submit(draft_id=other.pk, user=applicant, declaration_name="x")
    assert second.number != first.number


def test_an_incomplete_draft_lists_what_to_fix_and_submits_nothing(signed_in, transit_draft):
    fill(transit_draft, *TRANSIT_ANSWERS[:2])
    page = signed_in.post(_review(transit_draft), DECLARE)
    html = page.content.decode()
    assert page.status_code == 400
    assert "Section “Contact information” is not complete." in html
    assert "Upload this document: Passport." in html
    assert not Application.objects.exists()


def test_the_declaration_is_typed_and_ticked(signed_in, ready_draft):
    page = signed_in.post(_review(ready_draft), {"full_name": "Someone Else"})
    html = page.content.decode()
    assert "Type your name as in your personal details: Marie Ève Côté-O’Brien." in html
    assert "Tick the box to make the declaration." in html
    assert not Application.objects.exists()


def test_a_type_with_a_fee_continues_to_payment_before_submission(signed_in, forms, applicant):
    draft = draft_start(user=applicant, application_type=forms["visitor-visa"])
    html = signed_in.get(_review(draft)).content.decode()
    assert "Continue to payment" in html
    assert "$100.00" in html
    assert "Submit the application" not in html
    french = signed_in.get(_review(draft, "fr")).content.decode()
    assert "100,00\u00a0$" in french
    with pytest.raises(FeeRequired):
        draft_submit(draft_id=draft.pk, user=applicant, declaration_name="x")


def test_the_application_page_shows_what_was_submitted(signed_in, ready_draft, applicant):
    application = draft_submit(draft_id=ready_draft.pk, user=applicant, declaration_name="M")
    html = signed_in.get(reverse("application_detail", args=[application.number])).content.decode()
    assert "What you submitted" in html
    assert "AB123456" in html
    url = reverse("submitted_document_file", args=[application.number, "passport"])
    assert url in html
    response = signed_in.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_case_officers_read_submissions_and_download_documents(client, ready_draft, applicant):
    from django.contrib.auth.models import Group

    from tests.factories import StaffUserFactory

    draft_submit(draft_id=ready_draft.pk, user=applicant, declaration_name="M")
    officer = StaffUserFactory(username="officer1")
    officer.groups.add(Group.objects.get(name="case officer"))
    client.force_login(officer)
    page = client.get(reverse("admin:apply_online_draft_change", args=[ready_draft.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "AB123456" in html
    document = ready_draft.documents.get(item__code="passport")
    url = reverse("admin:apply_online_draft_document", args=[ready_draft.pk, document.pk])
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    # Both groups' permissions hold side by side.
    assert officer.has_perm("applications.unlink_application")


def test_triage_cannot_read_submissions(client, ready_draft, applicant):
    from django.contrib.auth.models import Group

    from tests.factories import StaffUserFactory

    draft_submit(draft_id=ready_draft.pk, user=applicant, declaration_name="M")
    staff = StaffUserFactory(username="triage1")
    staff.groups.add(Group.objects.get(name="triage"))
    client.force_login(staff)
    assert (
        client.get(reverse("admin:apply_online_draft_change", args=[ready_draft.pk])).status_code
        == 403
    )
    document = ready_draft.documents.first()
    url = reverse("admin:apply_online_draft_document", args=[ready_draft.pk, document.pk])
    assert client.get(url).status_code == 404
