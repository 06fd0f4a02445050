"""Case officers ask in the admin, the applicant is told, answers queue up for review."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from document_requests.models import DocumentRequest
from tests.accounts.conftest import delivering
from tests.conftest import with_two_step
from tests.document_requests.conftest import upload
from tests.factories import UserFactory

ADD = "/en/admin/document_requests/documentrequest/add/"
QUEUE = "/en/admin/document_requests/answeredrequest/"


def _form(application, **changes):
    data = {
        "application": application.pk,
        "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "note_en": "Please send your job offer letter.",
        "note_fr": "Veuillez envoyer votre lettre d’offre d’emploi.",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-position": "1",
        "items-0-kind": "",
        "items-0-description_en": "Job offer letter",
        "items-0-description_fr": "Lettre d’offre d’emploi",
    }
    data.update(changes)
    return data


def test_an_officer_asks_and_the_applicant_is_emailed_in_their_language(
    officer_client, application, applicant
):
    applicant.preferred_language = "fr"
    applicant.save()
    with delivering():
        response = officer_client.post(ADD, _form(application))
    assert response.status_code == 302, response.content.decode()[:2000]
    request = DocumentRequest.objects.get(application=application)
    assert request.created_by.username == "requestofficer"
    assert request.items.get().description_fr == "Lettre d’offre d’emploi"
    sent = [m for m in mail.outbox if m.to == [applicant.email]]
    assert len(sent) == 1
    assert sent[0].subject == "Mesure requise dans votre compte sécurisé IRCC"
    assert "offre d’emploi" not in sent[0].body  # content-free: what is asked stays inside


def test_a_request_needs_a_document_and_a_date_after_today(officer_client, application):
    for changes in (
        {"due_on": timezone.localdate().isoformat()},
        {"items-0-description_fr": ""},
        {"items-TOTAL_FORMS": "0"},
    ):
        response = officer_client.post(ADD, _form(application, **changes))
        assert response.status_code == 200
    assert not DocumentRequest.objects.exists()


def test_the_queue_lists_answered_requests_oldest_first_and_records_the_review(
    officer_client, officer, signed_in, waiting, application, kinds
):
    from document_requests.models import RequestedItem

    older = DocumentRequest.objects.create(
        application=application,
        due_on=waiting.due_on,
        state=DocumentRequest.State.ANSWERED,
        answered_at=timezone.now() - timedelta(days=3),
    )
    RequestedItem.objects.create(request=older, kind=kinds["job-offer"])
    # Asked for long before, answered before the other: the answer's date orders the queue.
    DocumentRequest.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - timedelta(days=60)
    )
    for item in waiting.items.all():
        upload(signed_in, waiting, item)
    signed_in.post(
        reverse("document_request", args=[application.number, waiting.pk]),
        {"action": "send", "reply": ""},
    )
    page = officer_client.get(QUEUE).content.decode()
    assert page.index(f"/answeredrequest/{older.pk}/") < page.index(
        f"/answeredrequest/{waiting.pk}/"
    )
    link = reverse(
        "admin:document_requests_document",
        args=[waiting.pk, waiting.items.first().document.pk],
    )
    assert link in page
    download = officer_client.get(link)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    officer_client.post(QUEUE, {"action": "mark_reviewed", "_selected_action": [waiting.pk]})
    waiting.refresh_from_db()
    assert waiting.reviewed_by == officer
    assert waiting.reviewed_at is not None
    assert f"/answeredrequest/{waiting.pk}/" not in officer_client.get(QUEUE).content.decode()


def test_the_list_filters_by_state(officer_client, waiting, application):
    DocumentRequest.objects.create(
        application=application,
        due_on=timezone.localdate() - timedelta(days=1),
        state=DocumentRequest.State.OVERDUE,
    )
    listing = "/en/admin/document_requests/documentrequest/"
    for state, count in (("overdue", 1), ("waiting", 1), ("answered", 0)):
        page = officer_client.get(listing, {"state__exact": state}).content.decode()
        assert page.count("/documentrequest/") - page.count("/documentrequest/add/") >= count


def test_triagers_see_no_requests(db):
    triager = with_two_step(UserFactory(username="triagerrequests", is_staff=True))
    triager.groups.add(Group.objects.get(name="triage"))
    client = Client()
    client.force_login(triager)
    assert client.get(QUEUE).status_code == 403
    assert client.get("/en/admin/document_requests/documentrequest/").status_code == 403
