"""Redis down: pages render, sign-in works, throttling holds in the database, /readyz degraded.

Redis is "down" here the way an app server sees it: the configured address refuses connections
(a loopback port nobody listens on), so these run on every machine without stopping anything.
"""

import os
import socket

import pyotp
import pytest
from django.core.cache import cache, caches
from django.urls import reverse
from django.utils import translation

from portal import cache as portal_cache
from tests.conftest import DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fallback_cache_settings(location):
    return {
        "BACKEND": "portal.cache.FallbackCache",
        "LOCATION": location,
        "KEY_PREFIX": "test",
        "OPTIONS": {"FALLBACK": "database", "RETRY_SECONDS": 5},
    }


@pytest.fixture(autouse=True)
def _fresh_breaker():
    portal_cache._down_until.clear()
    portal_cache._changed.clear()
    yield
    portal_cache._down_until.clear()
    portal_cache._changed.clear()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": fallback_cache_settings(f"redis://127.0.0.1:{closed_port()}/0"),
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return settings


def sign_in(client, username, password):
    return client.post("/en/account/sign-in/", {"login": username, "password": password})


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", ["signin", "account_login", "help_index"])
def test_pages_still_render(redis_down, client, name, language):
    with translation.override(language):
        path = reverse(name)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == language


def test_readyz_says_degraded_and_keeps_the_server_in_the_pool(redis_down, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded"}


def test_sign_in_with_two_steps_still_works(redis_down, client, applicant):
    response = sign_in(client, applicant.username, "Maple2026Leaf")
    assert response.status_code == 302
    code = pyotp.TOTP(DEMO_TOTP_SECRET).now()
    response = client.post(response["Location"], {"code": code})
    assert response["Location"] == "/en/account/"
    assert client.get("/en/account/").status_code == 200


def test_failed_sign_ins_are_counted_in_the_database(redis_down, client, applicant):
    for _ in range(5):
        assert sign_in(client, applicant.username, "Wrong2026Pass").status_code == 200
    response = sign_in(client, applicant.username, "Maple2026Leaf")
    # Refused although the password is right: the fallback counted the five failures ...
    assert response.status_code == 200
    assert "Too many failed" in response.content.decode()
    # ... in the database table that every app server shares.
    keys = database_cache_keys()
    assert any(":allauth:rl:allauth.account:login_failed:" in key for key in keys), keys


def database_cache_keys():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM portal_cache")
        return [row[0] for row in cursor.fetchall()]


def test_redis_is_left_alone_while_down_then_tried_again(settings, monkeypatch):
    settings.CACHES = {
        **settings.CACHES,
        "default": fallback_cache_settings(f"redis://127.0.0.1:{closed_port()}/0"),
    }
    now = [1000.0]
    monkeypatch.setattr(portal_cache.time, "monotonic", lambda: now[0])
    attempts = []
    original = portal_cache.FallbackCache._mark_down

    def counted(self, error):
        attempts.append(error)  # one per refused connection
        return original(self, error)

    monkeypatch.setattr(portal_cache.FallbackCache, "_mark_down", counted)
    for _ in range(3):
        assert cache.get("anything") is None
    assert len(attempts) == 1  # one refused connection, then straight to the database
    now[0] += 5.1
    cache.get("anything")
    assert len(attempts) == 2


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the local Redis")
def test_with_redis_up_values_live_in_redis_not_in_the_table(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": fallback_cache_settings(os.environ["REDIS_URL"]),
    }
    cache.set("where", "redis", 30)
    assert cache.get("where") == "redis"
    assert caches["database"].get("where") is None
    assert cache.ping() is True


def test_when_redis_answers_again_no_copy_from_either_side_of_the_outage_survives(
    settings, monkeypatch
):
    from django.core.cache.backends.locmem import LocMemCache

    settings.CACHES = {
        **settings.CACHES,
        "default": fallback_cache_settings(f"redis://127.0.0.1:{closed_port()}/0"),
    }
    now = [1000.0]
    monkeypatch.setattr(portal_cache.time, "monotonic", lambda: now[0])
    # A network partition: Redis keeps what it had, but this server cannot reach it.
    partitioned = LocMemCache("partitioned", {})
    partitioned.set("session", "signed in", 3600)
    cache.get("session")  # refused: into the table from now on
    cache.delete("session")  # signed out during the outage
    cache.set("made-meanwhile", "copy", 3600)
    assert caches["database"].get("made-meanwhile") == "copy"
    # The partition heals.
    caches["default"]._redis = partitioned
    now[0] += 5.1
    # Redis's copy from before the sign-out is dropped: the session stays signed out ...
    assert cache.get("session") is None
    assert partitioned.get("session") is None
    # ... and the table's copy is gone too, so a later outage cannot bring it back.
    assert caches["database"].get("made-meanwhile") is None
