"""Whatever arrives at the fee pages and the webhook, never a 500: generated bodies, signed or
not, shaped like events or not."""

import json

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from payments import provider
from tests.apply_online.test_fuzz import _fuzz
from tests.payments.conftest import sign
from tests.payments.test_pages import RecordingTransport
from tests.test_fuzz_forms import EXAMPLES, raw

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
# Event-shaped: the right keys with any values, sessions with any fields (a real payment's id
# among the candidates), or anything at all.
sessions = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "status": st.sampled_from(["complete", "expired", "open", 1, None]),
        "payment_status": st.sampled_from(["paid", "processing", "unpaid", None]),
        "amount_total": json_values,
        "currency": json_values,
        "client_reference_id": json_values,
        "payment_intent": json_values,
    },
)


def _events(reference):
    kinds = st.sampled_from(
        ["checkout.session.completed", "checkout.session.expired", "charge.refunded", "other", 7]
    )
    shaped = st.builds(
        lambda event_id, kind, session, keep: {
            "id": event_id,
            "type": kind,
            "data": {"object": {**session, **({"client_reference_id": reference} if keep else {})}},
        },
        json_values,
        kinds,
        sessions,
        st.booleans(),
    )
    return st.one_of(shaped, json_values)


def test_the_pay_form_never_gets_a_500(declared_draft, applicant, monkeypatch):
    session = {"id": "cs_fuzz", "url": "http://127.0.0.1:8000/en/payment-stub/pay/cs_fuzz/"}
    monkeypatch.setattr(provider, "transport", RecordingTransport(answer=session))
    url = reverse("payment_pay", kwargs={"draft_id": declared_draft.pk})
    _fuzz(url, ["csrfmiddlewaretoken", "pay"], login=applicant)


def test_the_webhook_never_gets_a_500(open_payment):
    posted = 0

    @settings(
        max_examples=EXAMPLES * 2,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(event=_events(str(open_payment.pk)), payload=raw, header=st.text(max_size=80))
    def post(event, payload, header):
        nonlocal posted
        posted += 1
        client = Client(raise_request_exception=False)
        body = json.dumps(event).encode()
        for data, signature in ((body, sign(body)), (payload, header), (payload, sign(payload))):
            response = client.post(
                "/payments/webhook/",
                data=data,
                content_type="application/json",
                headers={"Stub-Signature": signature},
            )
            assert response.status_code in (200, 400), (data, signature)

    post()
    assert posted >= EXAMPLES * 2
