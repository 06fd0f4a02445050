"""Settings for the test suite: the portal's own, with development defaults from the environment.

pytest-django still runs every test with DEBUG off.
"""

import os

os.environ.setdefault("DEBUG", "true")

from portal.settings import *  # noqa: E402, F403
from portal.settings import STORAGES  # noqa: E402

# Tests serve static files from the finders, so the hashed manifest is not needed here
# (tests/portal/test_static.py checks the production storage on its own).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders (no collectstatic before the tests).
WHITENOISE_AUTOREFRESH = True
