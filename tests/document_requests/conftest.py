from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from tests.apply_online.conftest import documents_storage, png  # noqa: F401 - autouse fixture
from tests.conftest import with_two_step
from tests.factories import ApplicationFactory, UserFactory


@pytest.fixture
def application(applicant):
    return ApplicationFactory(number="W100000001", account=applicant)


@pytest.fixture
def kinds(db):
    from document_requests.models import DocumentKind

    return {
        "job-offer": DocumentKind.objects.create(
            code="job-offer", name_en="Job offer letter", name_fr="Lettre d’offre d’emploi"
        )
    }


@pytest.fixture
def waiting(application, kinds):
    """A request for two documents, due in 10 days: one from the list, one described."""
    from document_requests.models import DocumentRequest, RequestedItem

    request = DocumentRequest.objects.create(
        application=application,
        due_on=timezone.localdate() + timedelta(days=10),
        note_en="Please send these.",
        note_fr="Veuillez envoyer ces documents.",
    )
    RequestedItem.objects.create(request=request, kind=kinds["job-offer"], position=1)
    RequestedItem.objects.create(
        request=request,
        description_en="Pay slips for the last 3 months",
        description_fr="Talons de paie des 3 derniers mois",
        position=2,
    )
    return request


@pytest.fixture
def officer(db):
    user = with_two_step(UserFactory(username="requestofficer", is_staff=True))
    user.groups.add(Group.objects.get(name="case officer"))
    return user


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer)
    return client


def upload(client, request, item, data=None, name="scan.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("document_request", args=[request.application.number, request.pk])
    return client.post(
        url,
        {
            "action": "upload",
            "item": str(item.pk),
            f"item-{item.pk}-files": SimpleUploadedFile(name, data or png(), "image/png"),
        },
    )
