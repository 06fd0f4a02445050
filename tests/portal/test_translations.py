import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGUE = BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
SOURCES = [
    "manage.py",
    "portal",
    "accounts",
    "applications",
    "apply_online",
    "document_requests",
    "feedback",
    "helpcentre",
    "payments",
    "partner_stub",
    "payment_stub",
    "templates",
]


def live_entries(po):
    return [entry for entry in po if not entry.obsolete]


def msgids(path):
    return {(e.msgctxt, e.msgid) for e in live_entries(polib.pofile(str(path)))}


def test_every_french_entry_is_translated_and_not_fuzzy():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in live_entries(po) if not e.translated()]
    fuzzy = [e.msgid for e in live_entries(po) if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_catalogue_holds_every_string_of_the_code(tmp_path):
    """A string added to the code without its French fails here, not in front of a user."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("xgettext (gettext) is missing")
        pytest.skip("xgettext (gettext) is not installed")
    for name in SOURCES:
        source = BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    shutil.copytree(BASE_DIR / "locale", tmp_path / "locale")
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location", "-v0"],
        cwd=tmp_path,
        env=env,
        check=True,
        timeout=120,
    )
    fresh = msgids(tmp_path / CATALOGUE.relative_to(BASE_DIR))
    committed = msgids(CATALOGUE)
    assert sorted(fresh - committed) == [], "run `make update-messages` and translate"
