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
