"""Account home and the application page run a fixed number of queries, whatever the size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ApplicationFactory, MessageFactory

pytestmark = pytest.mark.django_db


def fill(applicant, applications, messages_each):
    created = [ApplicationFactory(account=applicant) for _ in range(applications)]
    for application in created:
        MessageFactory.create_batch(messages_each, application=application)
    return created


def queries_for(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_account_home_queries_do_not_grow_with_applications(signed_in, applicant):
    fill(applicant, 1, 20)
    one = queries_for(signed_in, "/en/account/")
    fill(applicant, 199, 20)
    assert queries_for(signed_in, "/en/account/") == one


def test_application_page_queries_do_not_grow_with_messages(signed_in, applicant):
    first = fill(applicant, 1, 1)[0]
    one = queries_for(signed_in, f"/en/account/applications/{first.number}/")
    MessageFactory.create_batch(19, application=first)
    fill(applicant, 199, 20)
    assert queries_for(signed_in, f"/en/account/applications/{first.number}/") == one


def test_query_budget(signed_in, applicant, django_assert_max_num_queries):
    first = fill(applicant, 3, 5)[0]
    signed_in.get("/en/account/")
    with django_assert_max_num_queries(8):
        signed_in.get("/en/account/")
    with django_assert_max_num_queries(8):
        signed_in.get(f"/en/account/applications/{first.number}/")
