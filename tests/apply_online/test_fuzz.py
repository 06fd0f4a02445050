"""Generated posts to the apply-online forms that take an argument (a draft, a programme):
whatever arrives, never a 500 (the forms without arguments are in tests/test_fuzz_forms.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests.apply_online.conftest import PERSONAL
from tests.test_fuzz_forms import EXAMPLES, bodies, raw

FORMS = [
    ("draft_step", {"position": 1}, [*PERSONAL, "continue", "save_exit", "_language"]),
    ("draft_step", {"position": 4}, ["arrival_date", "connecting_flight", "destination"]),
    ("draft_documents", {}, ["item", "passport-files", "photo-files"]),
    ("draft_review", {}, ["full_name", "agree"]),
]


def _fuzz(url, fields, login=None):
    posted = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(body=bodies(fields), payload=raw)
    def post(body, payload):
        nonlocal posted
        posted += 1
        client = Client(raise_request_exception=False)
        if login is not None:
            client.force_login(login)
        for response in (
            client.post(url, body),
            client.post(url, payload, content_type="application/x-www-form-urlencoded"),
        ):
            assert response.status_code < 500, (url, body, payload)

    post()
    assert posted >= EXAMPLES


@pytest.mark.parametrize(("name", "kwargs", "fields"), FORMS)
def test_draft_forms_never_get_a_500(transit_draft, applicant, name, kwargs, fields):
    url = reverse(name, kwargs={"draft_id": transit_draft.pk, **kwargs})
    _fuzz(url, fields, login=applicant)


def test_the_questionnaire_never_gets_a_500(forms):
    url = reverse("eligibility_question", kwargs={"programme": "visit", "number": 1})
    _fuzz(url, ["answer"])
