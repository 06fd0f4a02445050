import os
import shutil

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _memory_caches():
    # The database's cache table is rolled back with each test's transaction, and tests
    # without database access may not touch it.
    return [
        each
        for each in caches.all(initialized_only=True)
        if not isinstance(each, BaseDatabaseCache)
    ]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (fragments, counters)."""
    for each in _memory_caches():
        each.clear()
    yield
    for each in _memory_caches():
        each.clear()


@pytest.fixture(autouse=True)
def _english_first():
    """A French page leaves French active in the thread (LocaleMiddleware does not reset it):
    each test starts in English, so ``reverse()`` without an override means English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: browser tests must run)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


DEMO_TOTP_SECRET = "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS"


def with_two_step(user, secret=DEMO_TOTP_SECRET):
    """Give ``user`` an authenticator app: staff cannot use the admin without one."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return user


@pytest.fixture
def admin_user(db):
    """pytest-django's admin user, with the two-step verification the admin requires."""
    from tests.factories import UserFactory

    return UserFactory(
        username="admin", is_staff=True, is_superuser=True, totp_secret=DEMO_TOTP_SECRET
    )


@pytest.fixture
def applicant(db):
    """An applicant with two-step verification and a complete profile."""
    from tests.factories import UserFactory

    return UserFactory(username="alextremblay", totp_secret=DEMO_TOTP_SECRET)


@pytest.fixture
def signed_in(client, applicant):
    """The test client, signed in as ``applicant``."""
    client.force_login(applicant)
    return client
