import time

import pytest
from django.contrib.sessions.models import Session

from accounts.middleware import LAST_SEEN_KEY
from tests.html import parse

pytestmark = pytest.mark.django_db


def age_session(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - seconds
    session.save()


def test_idle_session_ends_and_sign_in_brings_the_applicant_back(signed_in, settings):
    key = signed_in.session.session_key
    age_session(signed_in, settings.SESSION_IDLE_SECONDS + 1)
    response = signed_in.get("/en/account/security/?tab=1")
    assert response.status_code == 302
    assert response["Location"] == "/en/account/sign-in/?next=/en/account/security/%3Ftab%3D1"
    assert not Session.objects.filter(session_key=key).exists()
    page = signed_in.get(response["Location"])
    expected = f"{settings.SESSION_IDLE_SECONDS // 60} minutes without activity"
    assert expected in parse(page).select_one(".messages").get_text()


def test_activity_keeps_the_session_alive(signed_in, settings):
    age_session(signed_in, settings.SESSION_IDLE_SECONDS - 60)
    assert signed_in.get("/en/account/").status_code == 200
    assert signed_in.session[LAST_SEEN_KEY] > time.time() - 5


def test_keep_alive_resets_the_idle_clock(signed_in, settings):
    age_session(signed_in, settings.SESSION_IDLE_SECONDS - 30)
    response = signed_in.post("/en/account/session/keep-alive/")
    assert response.status_code == 200
    assert response.json()["seconds_left"] > settings.SESSION_IDLE_SECONDS - 5


def test_keep_alive_needs_a_signed_in_post(client):
    assert client.get("/en/account/session/keep-alive/").status_code == 405
    assert client.post("/en/account/session/keep-alive/").status_code == 302


def test_signed_in_pages_carry_the_idle_warning(signed_in, settings):
    soup = parse(signed_in.get("/en/account/"))
    assert int(soup.body["data-session-idle"]) > settings.SESSION_IDLE_SECONDS - 61
    assert soup.body["data-session-warning"] == "120"
    dialog = soup.select_one("dialog#session-timeout")
    assert dialog["aria-labelledby"] == "session-timeout-title"
    assert dialog.select_one("form[action='/en/account/session/keep-alive/'] button")


def test_anonymous_pages_have_no_idle_warning(client):
    soup = parse(client.get("/en/sign-in/"))
    assert soup.select_one("dialog#session-timeout") is None
    assert not soup.body.has_attr("data-session-idle")


def test_applicant_sees_their_sessions(signed_in):
    response = signed_in.get("/en/account/sessions/")
    assert response.status_code == 200
    assert parse(response).h1.get_text(strip=True) == "Your sessions"
