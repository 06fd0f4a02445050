"""The stub payment provider is a separate party: its own code, settings-free, off in production."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
STUB = BASE_DIR / "payment_stub"
PORTAL_PACKAGES = {
    "portal",
    "accounts",
    "applications",
    "apply_online",
    "feedback",
    "helpcentre",
    "payments",
    "partner_stub",
}


def imported_names(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield node.module or ""
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.args[0].value


def test_the_stub_imports_nothing_of_the_portal():
    paths = list(STUB.rglob("*.py"))
    assert len(paths) > 10
    for path in paths:
        for name in imported_names(ast.parse(path.read_text())):
            assert name.split(".")[0] not in PORTAL_PACKAGES, (path, name)


def test_the_check_would_catch_a_portal_import():
    tree = ast.parse("from payments.models import Payment\nimport accounts.models\n")
    assert [name.split(".")[0] for name in imported_names(tree)] == ["payments", "accounts"]


def test_the_stub_reads_none_of_the_portals_settings():
    for path in STUB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "settings":
                raise AssertionError(f"{path} reads settings.{node.attr}")
            if isinstance(node, ast.Name):
                assert node.id != "settings", path


def test_the_stub_reverses_only_its_own_urls_and_uses_only_its_own_templates():
    for path in STUB.rglob("*.py"):
        for name in re.findall(r"reverse\(\s*\"([^\"]+)\"", path.read_text()):
            assert name.startswith("payment_stub_"), (path, name)
        for name in re.findall(r"\"([\w/]+\.html)\"", path.read_text()):
            assert name.startswith("payment_stub/"), (path, name)
    for path in (STUB / "templates").rglob("*.html"):
        text = path.read_text()
        for name in re.findall(r"{%\s*(?:extends|include)\s+\"([^\"]+)\"", text):
            assert name.startswith("payment_stub/"), (path, name)
        for name in re.findall(r"{%\s*static\s+'([^']+)'", text):
            assert name.startswith("payment_stub/"), (path, name)
        assert " style=" not in text, path
        assert "<script" not in text, path


def _run(code, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", **env}
    environment.pop("DATABASE_URL", None)
    environment.pop("PAYMENT_STUB_ENABLED", None)
    environment.update(env)
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
    "print('installed' if apps.is_installed('payment_stub') else 'absent')\n"
    "try:\n    reverse('payment_stub_sessions'); print('mounted')\n"
    "except NoReverseMatch:\n    print('unmounted')"
)


def test_the_stub_is_off_when_debug_is_off():
    result = _run(PROBE, DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["absent", "unmounted"]


def test_the_stub_can_be_switched_off_in_development():
    result = _run(PROBE, DEBUG="true", PAYMENT_STUB_ENABLED="false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["absent", "unmounted"]


def test_the_stub_is_on_in_development():
    result = _run(PROBE, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["installed", "mounted"]
