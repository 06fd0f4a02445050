"""Requests add a fixed number of queries to the pages that show them, whatever their number."""

from datetime import timedelta

from django.utils import timezone

from document_requests.models import DocumentRequest, RequestedItem
from tests.applications.test_queries import queries_for
from tests.factories import ApplicationFactory, MessageFactory


def _requests(application, count, kind):
    for n in range(count):
        request = DocumentRequest.objects.create(
            application=application,
            due_on=timezone.localdate() + timedelta(days=5 + n),
            state=DocumentRequest.State.WAITING if n % 2 else DocumentRequest.State.ANSWERED,
            answered_at=None if n % 2 else timezone.now(),
        )
        RequestedItem.objects.create(request=request, kind=kind)


def test_application_page_and_home_with_20_requests_and_100_messages_as_with_1(
    signed_in, applicant, kinds
):
    application = ApplicationFactory(account=applicant)
    MessageFactory(application=application)
    _requests(application, 1, kinds["job-offer"])
    page = f"/en/account/applications/{application.number}/"
    one = (queries_for(signed_in, page), queries_for(signed_in, "/en/account/"))
    MessageFactory.create_batch(99, application=application)
    _requests(application, 19, kinds["job-offer"])
    for other in ApplicationFactory.create_batch(5, account=applicant):
        _requests(other, 4, kinds["job-offer"])
    many = (queries_for(signed_in, page), queries_for(signed_in, "/en/account/"))
    assert many == one
    assert DocumentRequest.objects.filter(application=application).count() == 20
