"""Double-clicks and replays at the same moment: one application, never two, never a 500.

The posts race for real: each thread has its own database connection, and they are released
together. On SQLite, writes are serialised by the database itself; PostgreSQL is the real test
(`make test` with DATABASE_URL, as CI runs it).
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from applications.models import Application
from apply_online.models import Draft
from tests.apply_online.conftest import TRANSIT_ANSWERS, attach, fill

# As many as the connection pool lends at once (DB_POOL_MAX_SIZE, 4 by default).
POSTS = 4
DECLARE = {"full_name": "Marie Ève Côté-O'Brien", "agree": "on"}


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_of_one_draft_make_one_application(forms, applicant):
    from apply_online.services import draft_start

    draft = fill(
        draft_start(user=applicant, application_type=forms["transit-visa"]), *TRANSIT_ANSWERS
    )
    for code in ("passport", "photo", "onward_ticket"):
        attach(draft, code)
    url = reverse("draft_review", args=[draft.pk])
    barrier = threading.Barrier(POSTS)
    statuses, locations = [], []

    clients = []
    for _ in range(POSTS):
        client = Client()
        client.force_login(applicant)
        clients.append(client)
    connection.close()  # give the pool's connections to the racing threads

    def post(client):
        try:
            barrier.wait(timeout=30)
            response = client.post(url, DECLARE)
            statuses.append(response.status_code)
            locations.append(response.get("Location"))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    application = Application.objects.get(account=applicant)
    assert statuses == [302] * POSTS
    assert set(locations) == {reverse("application_detail", args=[application.number])}
    assert Draft.objects.get(pk=draft.pk).application == application
    assert application.messages.count() == 1
