"""Production fails closed: each unsafe setting is named by `check --deploy` and stops the web
process before it serves anyone. (tests/portal/test_security.py: safe settings pass clean.)"""

import os
import secrets
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings

from portal.checks import production_problems

SAFE = {
    "DEBUG": False,
    "DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql"}},
    "REDIS_URL": "redis://cache.internal:6379/0",
    "PORTAL_BASE_URL": "https://portal.example.ca",
    "ADMIN_URL": "staff-7f3a/",
    "PARTNER_STUB_ENABLED": False,
    "PAYMENT_STUB_ENABLED": False,
    "PAYMENT_PROVIDER_URL": "https://pay.example.com",
    "PAYMENT_API_KEY": "sk_live_example",
    "PAYMENT_WEBHOOK_SECRET": "whsec_example",
    "LOOPBACK_DEMO": False,
}


def problems(**changes):
    return [
        check_id
        for check_id, _message in production_problems(SimpleNamespace(**{**SAFE, **changes}))
    ]


def test_safe_production_settings_pass():
    assert problems() == []


def test_debug_turns_the_rules_off():
    assert problems(DEBUG=True, ADMIN_URL="admin/") == []


@pytest.mark.parametrize(
    ("changes", "check_id"),
    [
        ({"DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3"}}}, "portal.E001"),
        ({"REDIS_URL": ""}, "portal.E002"),
        ({"PORTAL_BASE_URL": "http://portal.example.ca"}, "portal.E003"),
        ({"ADMIN_URL": "admin/"}, "portal.E004"),
        ({"ADMIN_URL": "/admin"}, "portal.E004"),
        ({"PARTNER_STUB_ENABLED": True}, "portal.E005"),
        ({"PAYMENT_STUB_ENABLED": True}, "portal.E006"),
        ({"PAYMENT_PROVIDER_URL": ""}, "portal.E007"),
        ({"PAYMENT_WEBHOOK_SECRET": ""}, "portal.E007"),
    ],
)
def test_each_unsafe_setting_is_named(changes, check_id):
    assert problems(**changes) == [check_id]


def test_a_loopback_demo_may_use_http_on_loopback_and_the_stub_only():
    demo = {"LOOPBACK_DEMO": True, "PARTNER_STUB_ENABLED": True, "PAYMENT_STUB_ENABLED": True}
    assert problems(**demo, PORTAL_BASE_URL="http://127.0.0.1:8000") == []
    assert problems(**demo, PORTAL_BASE_URL="http://portal.example.ca") == ["portal.E003"]
    assert problems(**demo, ADMIN_URL="admin/") == ["portal.E004"]


def run(command, **env):
    left_out = ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "LOOPBACK_DEMO")
    environment = {key: value for key, value in os.environ.items() if key not in left_out}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.ca",
        **env,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, *command],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=settings.BASE_DIR,
    )


def test_check_deploy_names_every_unsafe_setting():
    result = run(["manage.py", "check", "--deploy"])
    assert result.returncode != 0
    for check_id in ("portal.E001", "portal.E002", "portal.E003", "portal.E004"):
        assert check_id in result.stderr


def test_the_web_process_refuses_to_start_with_one_clear_line():
    result = run(["-c", "import portal.wsgi"])
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("Refusing to start with production settings: DATABASE_URL")
    assert "portal.E004" in lines[-1]
