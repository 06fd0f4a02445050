"""Demonstration help topics, in both languages, written for this portal.

The topics are data (`fixtures/help_topics.json`): each has its category, order, whether the
sign-in page lists it, then per language the question, the address (slug) and the answer (the
limited HTML editors may write). `manage.py seed_demo` (DEBUG only) calls `load()`.
"""

import json
from pathlib import Path

from helpcentre.models import HelpTopic

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "help_topics.json"


def topics():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def load():
    """Create or refresh the help topics, all published; returns a summary line."""
    entries = topics()
    for data in entries:
        defaults = {key: value for key, value in data.items() if key != "slug_en"}
        defaults.setdefault("on_signin_page", False)
        HelpTopic.objects.update_or_create(
            slug_en=data["slug_en"], defaults={**defaults, "is_published": True}
        )
    return f"{len(entries)} help topics"
