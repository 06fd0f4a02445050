import pytest

from tests.factories import NoticeFactory


@pytest.fixture
def with_notices(transactional_db):
    """The sign-in page as applicants see it: a featured notice and an alert."""
    NoticeFactory(title_en="Biometrics", title_fr="Biométrie")
    NoticeFactory(kind="warning", title_en="Maintenance", title_fr="Entretien")


@pytest.fixture
def csp_violations(page):
    """Console errors raised by the Content-Security-Policy while the test runs."""
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return seen


@pytest.fixture
def signed_in_page(live_server, browser, transactional_db):
    """A browser page signed in as an applicant with two-step verification and a profile."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import DEMO_TOTP_SECRET
    from tests.factories import UserFactory

    user = UserFactory(username="browserapplicant", totp_secret=DEMO_TOTP_SECRET)
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.user = user
    yield page
    context.close()
