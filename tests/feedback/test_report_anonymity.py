"""Problem reports stay anonymous: no user in the log, no identifiers or titles of account pages."""

import json
import logging

import pytest

from feedback.models import ProblemReport
from feedback.services import report_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "title", "kept_path", "kept_title"),
    [
        (
            "/en/account/applications/E123456789/",
            "Application E123456789 - Canada.ca",
            "/en/account/applications/…/",
            "",
        ),
        (
            "/fr/compte/demandes/E123456789/messages/42/",
            "Votre message - Canada.ca",
            "/fr/compte/demandes/…/messages/…/",
            "",
        ),
        ("/en/account/profile/", "Your profile", "/en/account/profile/", ""),
        ("/en/sign-in/", "Sign in", "/en/sign-in/", "Sign in"),
        ("/fr/aide/", "Aide", "/fr/aide/", "Aide"),
    ],
)  # fmt: skip
def test_account_pages_lose_their_identifiers_and_titles(path, title, kept_path, kept_title):
    assert report_page(path=path, title=title) == (kept_path, kept_title)


def test_a_report_from_an_application_page_is_stored_without_its_number(signed_in):
    signed_in.post(
        "/en/report-problem/",
        {
            "categories": ["broken"],
            "path": "/en/account/applications/E123456789/",
            "title": "Application E123456789",
        },
    )
    report = ProblemReport.objects.get()
    assert (report.path, report.title) == ("/en/account/applications/…/", "")


def test_the_report_endpoint_logs_no_user(signed_in, caplog):
    with caplog.at_level(logging.INFO, logger="portal.access"):
        signed_in.get("/en/account/")
        signed_in.post(
            "/en/report-problem/",
            {"categories": ["broken"], "path": "/en/sign-in/", "title": "Sign in"},
        )
    lines = [record for record in caplog.records if record.name == "portal.access"]
    by_path = {record.fields["path"]: record.fields for record in lines}
    assert by_path["/en/account/"]["user_id"] is not None  # pages do name the user
    assert by_path["/en/report-problem/"]["user_id"] is None
    report_line = by_path["/en/report-problem/"]
    assert json.dumps(report_line)  # still one JSON line
