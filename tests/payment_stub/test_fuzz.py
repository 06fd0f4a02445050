"""Generated input to the provider's API and card form: whatever arrives, never a 500."""

import json
import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from payment_stub.models import CheckoutSession
from tests.payment_stub.conftest import SESSIONS, page_path, session_body

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.sampled_from(["", " ", "4242 4242 4242 4242", "99/9999", "00/00", "١٢٣", "\u202e", "0"]),
    st.builds(lambda n: "9" * n, st.integers(min_value=20, max_value=5000)),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@pytest.mark.usefixtures("merchant")
def test_generated_session_requests_never_get_a_500(api):
    fields = list(session_body())

    @SETTINGS
    @given(
        changes=st.dictionaries(st.sampled_from([*fields, "extra"]), json_values, max_size=3),
        key=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=300),
    )
    def post(changes, key):
        body = {**session_body(), **changes}
        response = api.client.post(
            SESSIONS,
            json.dumps(body),
            content_type="application/json",
            headers={**api.headers(), "Idempotency-Key": key},
        )
        assert response.status_code in (200, 400, 409), (body, key, response.content)
        assert "error" in response.json() or response.json()["object"] == "checkout.session"

    post()


def test_generated_card_forms_never_get_a_500(checkout):
    session = checkout()
    browser = Client(raise_request_exception=False)

    @SETTINGS
    @given(
        body=st.dictionaries(
            st.sampled_from(["name", "number", "expiry", "cvc", "pay", "x"]), texts
        )
    )
    def post(body):
        response = browser.post(page_path(session), body)
        assert response.status_code in (200, 303, 400), (body, response.status_code)

    post()
    row = CheckoutSession.objects.get(pk=session["id"])
    assert row.status in ("open", "complete")
