"""Project-wide pytest configuration (fixtures live in tests/conftest.py)."""

import os

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
