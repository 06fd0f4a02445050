"""The stub broker is a separate party: its own code, removable, off in production."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from partner_stub import demo
from partner_stub.models import ClientRegistration, Customer

BASE_DIR = Path(__file__).resolve().parents[2]


def test_the_stub_imports_nothing_of_the_portal():
    for path in (BASE_DIR / "partner_stub").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in {"accounts", "applications", "portal"}, path


def _run(code, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", **env}
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


PROBE = (
    "from django.apps import apps; from django.urls import reverse, NoReverseMatch\n"
    "print('installed' if apps.is_installed('partner_stub') else 'absent')\n"
    "try:\n    reverse('partner_stub_authorize'); print('mounted')\n"
    "except NoReverseMatch:\n    print('unmounted')"
)


def test_the_stub_is_off_when_debug_is_off():
    result = _run(PROBE, DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["absent", "unmounted"]


def test_the_stub_can_be_switched_off_in_development():
    result = _run(PROBE, DEBUG="true", PARTNER_STUB_ENABLED="false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["absent", "unmounted"]


def test_the_stub_can_be_switched_on_explicitly():
    result = _run(PROBE, DEBUG="false", SECRET_KEY="x" * 50, PARTNER_STUB_ENABLED="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["installed", "mounted"]


def test_seed_demo_loads_customers_and_the_client_with_both_callbacks(db, settings):
    settings.PARTNER_OIDC_SERVER_URL = "http://127.0.0.1:8000/partner-stub"
    summary = demo.load()
    demo.load()  # idempotent
    assert "customers" in summary
    assert Customer.objects.count() == len(demo.CUSTOMERS)
    client = ClientRegistration.objects.get(client_id=settings.PARTNER_OIDC_CLIENT_ID)
    assert client.check_redirect_uri("http://127.0.0.1:8000/en/account/partner/partner/return/")
    assert client.check_redirect_uri("http://127.0.0.1:8000/fr/compte/partenaire/partner/retour/")
    assert not client.check_redirect_uri("http://127.0.0.1:8000/en/elsewhere/")
