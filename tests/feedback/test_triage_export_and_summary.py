import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ProblemReportFactory, SupportRequestFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

LIST = "/en/admin/feedback/problemreport/"


def rows(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_export_holds_exactly_the_filtered_list(triager_client):
    ProblemReportFactory.create_batch(3, categories=["broken"])
    ProblemReportFactory.create_batch(
        2, path="/fr/ouvrir-session/", language="fr", categories=["login", "login-sin"]
    )
    ProblemReportFactory(status="spam", language="fr", categories=["login"])
    page = parse(triager_client.get(f"{LIST}?language__exact=fr&status__exact=new"))
    link = page.find("a", string="Export this list (CSV)")["href"]
    assert "language__exact=fr" in link
    header, *data = rows(triager_client.get(link))
    assert header[:3] == ["ID", "received", "page"]
    assert len(data) == 2
    assert {row[2] for row in data} == {"/fr/ouvrir-session/"}
    assert {row[4] for row in data} == {"login login-sin"}


def test_the_export_follows_the_search_too(triager_client):
    ProblemReportFactory(path="/en/sign-in/")
    ProblemReportFactory(path="/en/technical-difficulties/")
    _header, *data = rows(triager_client.get(f"{LIST}export/?q=technical"))
    assert [row[2] for row in data] == ["/en/technical-difficulties/"]


def test_exported_cells_cannot_run_as_spreadsheet_formulas(triager_client):
    ProblemReportFactory(title='=HYPERLINK("http://evil.example")')
    _header, row = rows(triager_client.get(f"{LIST}export/"))
    assert row[3].startswith("'=")


def test_support_requests_export_too(triager_client):
    SupportRequestFactory(description="[redacted: phone] cannot pay")
    header, row = rows(triager_client.get("/en/admin/feedback/supportrequest/export/"))
    assert header[0] == "reference number"
    assert row[4] == "[redacted: phone] cannot pay"


def test_the_summary_ranks_pages_and_categories_over_7_and_30_days(triager_client):
    now = timezone.now()
    for days in (1, 2, 10):
        ProblemReportFactory(
            path="/en/sign-in/", received_at=now - timedelta(days=days), categories=["broken"]
        )
    ProblemReportFactory(
        path="/fr/ouvrir-session/",
        received_at=now - timedelta(days=1),
        categories=["login", "login-gckey"],
    )
    ProblemReportFactory(
        path="/en/old/", received_at=now - timedelta(days=45), categories=["other"]
    )
    page = parse(triager_client.get(f"{LIST}summary/"))
    tables = page.select("#content-main table")
    pages = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in tables[0].select("tbody tr")
    ]
    assert pages == [["/en/sign-in/", "2", "3"], ["/fr/ouvrir-session/", "1", "1"]]
    categories = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("td")]
        for row in tables[1].select("tbody tr")
    }
    assert categories["A link, button or video is not working"] == ["2", "3"]
    assert categories["GCKey access"] == ["1", "1"]
    assert categories["Other issue not in this list"] == ["0", "0"]
    link = tables[0].select_one("tbody tr td:last-child a")["href"]
    listed = parse(triager_client.get(link)).select("#result_list tbody tr")
    assert len(listed) == 3


def test_the_summary_is_linked_from_the_list_and_in_french_too(triager_client):
    page = parse(triager_client.get("/fr/admin/feedback/problemreport/"))
    link = page.find("a", string="Sommaire")["href"]
    summary = parse(triager_client.get(link))
    assert summary.find("h2", string="Pages les plus signalées")
