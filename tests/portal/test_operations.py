import json
import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.html import page_facts, parse

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id(client):
    first = client.get("/en/sign-in/")["X-Request-ID"]
    second = client.get("/en/sign-in/")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_well_formed_incoming_request_id_is_kept_and_a_bad_one_replaced(client):
    kept = client.get("/healthz", headers={"x-request-id": "lb-1234abcd"})["X-Request-ID"]
    replaced = client.get("/healthz", headers={"x-request-id": "<script>"})["X-Request-ID"]
    assert kept == "lb-1234abcd"
    assert replaced != "<script>"


def test_one_json_line_per_request_without_query_string(client, caplog):
    from portal.observability import JSONFormatter

    with caplog.at_level(logging.INFO, logger="portal.access"):
        response = client.get("/en/sign-in/?email=someone%40example.com")
    records = [r for r in caplog.records if r.name == "portal.access"]
    assert len(records) == 1
    line = json.loads(JSONFormatter().format(records[0]))
    assert line["method"] == "GET"
    assert line["path"] == "/en/sign-in/"
    assert line["status"] == 200
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] is None
    assert isinstance(line["duration_ms"], float)
    assert "someone" not in json.dumps(line)


def test_security_events_are_logged_without_personal_data(caplog):
    from accounts.models import SecurityEvent
    from accounts.services import security_event_record
    from tests.factories import UserFactory

    user = UserFactory(username="loggeduser", email="private@example.com")
    with caplog.at_level(logging.INFO, logger="portal.security"):
        security_event_record(user=user, kind=SecurityEvent.Kind.PASSWORD_CHANGED)
    fields = caplog.records[-1].fields
    assert fields == {
        "event": "security",
        "kind": "password_changed",
        "user_id": user.pk,
        "request_id": None,
    }


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "This service is temporarily unavailable"),
        ("fr", "Ce service est temporairement indisponible"),
    ],
)
def test_database_down_is_a_bilingual_503_with_retry_after(monkeypatch, language, title):
    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = Client(raise_request_exception=False).get(f"/{language}/test-errors/500-db/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert page_facts(response)["h1"][0].startswith(title)
    reference = parse(response).select_one(".reference").get_text()
    assert response["X-Request-ID"] in reference


@pytest.mark.urls("tests.error_urls")
def test_other_errors_stay_500(client):
    response = Client(raise_request_exception=False).get("/en/test-errors/500/")
    assert response.status_code == 500


def test_healthz_needs_nothing(client, monkeypatch):
    def refuse(self):
        raise OperationalError("down")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_readyz_ok(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_with_the_database_down(client, monkeypatch):
    def refuse(self):
        raise OperationalError("down")

    client.get("/readyz")
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
