"""Generated bodies posted to every form: whatever arrives, the answer is never a 500.

The count per form is FUZZ_EXAMPLES: 25 in `make test`; `make soak` runs 200 per form
(scripts/soak_fuzz.py), over 2,000 in all.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory
from tests.pages import FORMS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

texts = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # control characters
    st.builds(lambda n: "A" * n, st.integers(min_value=1000, max_value=20_000)),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1988-02-30",
            "W123456789",
            "<script>",
            "' OR 1=1 --",
            "\u202e",
            "null",
            "[]",
            "{}",
            "E12345678\x00",
            "\x00",
        ]
    ),
)
# `next` values that are not local paths, and the ways a query string can be broken.
NEXT_VALUES = ["foo", "account_logout", "//evil.example/", "https://evil.example/", "/\\evil",
               "javascript:alert(1)", "%00", "/en/account/\x00", "", "/en/account/"]  # fmt: skip
queries = st.one_of(
    st.sampled_from(NEXT_VALUES).map(lambda value: {"next": value}),
    st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),  # invalid UTF-8, %-encoded
    st.just("q=%FF%FE%00&next=%C3"),
)


def bodies(fields):
    known = st.dictionaries(st.sampled_from(fields), texts) if fields else st.just({})
    unknown = st.dictionaries(st.text(min_size=1, max_size=10), texts, max_size=3)
    return st.builds(lambda a, b: {**b, **a}, known, unknown)


raw = st.binary(max_size=300)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "signed_in", "fields"), FORMS)
def test_generated_posts_never_get_a_500(name, signed_in, fields):
    url = reverse(name)
    user = UserFactory(username="fuzzapplicant", totp_secret="A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")

    posted = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        body=bodies(fields), payload=raw, csrf=st.booleans(), encoded=st.booleans(), query=queries
    )
    def post(body, payload, csrf, encoded, query):
        nonlocal posted
        posted += 1
        client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
        if signed_in:
            client.force_login(user)
        target = url + "?" + (urlencode(query) if isinstance(query, dict) else quote(query, "=&%"))
        if encoded:
            response = client.post(target, body)
        else:
            response = client.post(
                target, payload, content_type="application/x-www-form-urlencoded"
            )
        assert response.status_code < 500, (target, body if encoded else payload)

    post()
    # The figure scripts/soak_fuzz.py reports: every form got its count of generated bodies.
    assert posted >= EXAMPLES


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["account_home", "profile", "security_settings", "application_link"]
)
def test_signed_in_pages_never_get_a_500_from_their_query(name):
    """GET of signed-in pages with NUL, invalid UTF-8 and `next` values that are not paths."""
    url = reverse(name)
    user = UserFactory(username="fuzzapplicant", totp_secret="A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
    client = Client(raise_request_exception=False)
    client.force_login(user)

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(query=queries)
    def get(query):
        target = url + "?" + (urlencode(query) if isinstance(query, dict) else quote(query, "=&%"))
        assert client.get(target).status_code < 500, target

    get()
