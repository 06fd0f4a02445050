"""Whatever is posted to a request's page, never a 500."""

from django.urls import reverse

from tests.apply_online.test_fuzz import _fuzz


def test_the_request_page_never_gets_a_500(waiting, applicant):
    items = [f"item-{item.pk}-files" for item in waiting.items.all()]
    url = reverse("document_request", args=[waiting.application.number, waiting.pk])
    _fuzz(url, ["action", "item", "reply", *items], login=applicant)
