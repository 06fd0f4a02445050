import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.accounts.conftest import sign_in
from tests.html import parse

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


def test_five_failures_per_username_block_the_sixth_attempt_even_with_the_right_password(
    client, applicant
):
    for _ in range(5):
        assert sign_in(client, "alextremblay", "Wrong2026Pass").status_code == 200
    response = sign_in(client, "alextremblay")  # the right password, too late
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Too many failed" in parse(response).select_one(".error-summary").get_text()


def test_the_username_limit_ignores_case(client, applicant):
    for name in ("alextremblay", "ALEXTREMBLAY", "AlexTremblay", "alexTremblay", "alextremblaY"):
        sign_in(client, name, "Wrong2026Pass")
    response = sign_in(client, "alextremblay")
    assert "Too many failed" in parse(response).get_text()


def test_the_username_limit_holds_across_host_names(client, applicant, settings):
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.ca"]
    for index in range(5):
        host = ("testserver", "portal.example.ca")[index % 2]
        sign_in(client, "alextremblay", "Wrong2026Pass", headers={"host": host})
    response = sign_in(client, "alextremblay")
    assert "Too many failed" in parse(response).get_text()


def test_failures_on_one_username_do_not_block_another(client, applicant):
    for _ in range(5):
        sign_in(client, "someoneelse", "Wrong2026Pass")
    assert sign_in(client, "alextremblay").status_code == 302


def test_one_address_is_limited_across_usernames(client, applicant):
    for index in range(10):
        sign_in(client, f"unknownuser{chr(97 + index)}", "Wrong2026Pass")
    response = sign_in(client, "alextremblay")
    assert response.status_code == 200
    assert "Too many failed" in parse(response).get_text()


CONSUME = """
import django, sys
django.setup()
from allauth.core.internal import ratelimit
from django.test import RequestFactory
request = RequestFactory().post("/en/account/sign-in/", REMOTE_ADDR=sys.argv[2])
results = [
    bool(ratelimit.consume(request, app="allauth.account", action="login_failed", key=sys.argv[1]))
    for _ in range(int(sys.argv[3]))
]
print(" ".join("ok" if result else "blocked" for result in results))
"""


def consume_in_another_process(key, address, count):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "-c", CONSUME, key, address, str(count)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_two_processes_share_one_failure_count_through_redis():
    """Two app servers are two processes: with REDIS_URL they count failures together."""
    if not os.environ.get("REDIS_URL"):
        if os.environ.get("CI") == "true":
            pytest.fail("REDIS_URL must be set in CI")
        pytest.skip("needs REDIS_URL")
    key = f"shared{uuid.uuid4().hex[:8]}"
    first = consume_in_another_process(key, "192.0.2.10", 3)
    second = consume_in_another_process(key, "192.0.2.11", 3)
    assert first == ["ok", "ok", "ok"]
    assert second == ["ok", "ok", "blocked"]
