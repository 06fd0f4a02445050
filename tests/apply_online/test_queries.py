"""Saving a step, the documents page and account home run a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apply_online.models import ChecklistItem
from apply_online.services import draft_start
from tests.apply_online.conftest import PERSONAL, attach
from tests.factories import ApplicationFactory


def _count(call):
    call()  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def _add_items(draft, count):
    """More checklist items on the draft's type, each with a document on the draft."""
    for index in range(count):
        ChecklistItem.objects.create(
            type=draft.type,
            position=100 + index,
            code=f"extra-{index}",
            name_en="Extra",
            name_fr="Supplémentaire",
        )
        attach(draft, f"extra-{index}")


def test_saving_a_step_costs_the_same_with_1_or_30_documents(signed_in, transit_draft):
    url = reverse("draft_step", args=[transit_draft.pk, 1])
    post = {**PERSONAL, "continue": ""}
    attach(transit_draft, "passport")
    one = _count(lambda: signed_in.post(url, post))
    _add_items(transit_draft, 29)
    assert transit_draft.documents.count() == 30
    assert _count(lambda: signed_in.post(url, post)) == one


def test_the_documents_page_costs_the_same_with_1_or_30_documents(signed_in, transit_draft):
    url = reverse("draft_documents", args=[transit_draft.pk])
    attach(transit_draft, "passport")
    one = _count(lambda: signed_in.get(url))
    _add_items(transit_draft, 29)
    assert _count(lambda: signed_in.get(url)) == one


def test_account_home_costs_the_same_with_20_drafts_and_200_applications(
    signed_in, applicant, forms
):
    url = reverse("account_home")
    draft_start(user=applicant, application_type=forms["transit-visa"])
    ApplicationFactory(account=applicant)
    one = _count(lambda: signed_in.get(url))
    for index in range(19):
        draft_start(user=applicant, application_type=list(forms.values())[index % 4])
    ApplicationFactory.create_batch(199, account=applicant)
    assert _count(lambda: signed_in.get(url)) == one
