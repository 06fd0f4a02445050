from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from feedback.models import ProblemReport
from tests.factories import ProblemReportFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

LIST = "/en/admin/feedback/problemreport/"


@pytest.fixture
def reports():
    now = timezone.now()
    return {
        "signin": ProblemReportFactory(categories=["broken"], received_at=now),
        "login": ProblemReportFactory(
            path="/fr/ouvrir-session/", language="fr", categories=["login", "login-gckey"]
        ),
        "old": ProblemReportFactory(
            path="/en/technical-difficulties/",
            categories=["spelling"],
            received_at=now - timedelta(days=40),
            status="resolved",
        ),
    }


def listed(response):
    return {
        row.select_one("td.field-path").get_text()
        for row in parse(response).select("#result_list tbody tr")
    }


def test_the_list_shows_time_page_categories_language_status_and_assignee(triager_client, reports):
    response = triager_client.get(LIST)
    assert response.status_code == 200
    headers = [th.get_text(strip=True) for th in parse(response).select("#result_list thead th")]
    assert headers[1:] == ["Received", "Page", "Categories", "Language", "Status", "Assignee"]
    row = parse(response).find("td", string="/fr/ouvrir-session/").parent
    assert row.select_one("td.field-category_labels").get_text() == (
        "Login error when trying to access an account; GCKey access"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=resolved", {"/en/technical-difficulties/"}),
        ("category=login-gckey", {"/fr/ouvrir-session/"}),
        ("language__exact=fr", {"/fr/ouvrir-session/"}),
        ("path=%2Fen%2Fsign-in%2F", {"/en/sign-in/"}),
        ("q=ouvrir", {"/fr/ouvrir-session/"}),
        (
            "received_at__gte=" + quote(str(timezone.localtime() - timedelta(days=7))),
            {"/en/sign-in/", "/fr/ouvrir-session/"},
        ),
    ],
)
def test_filters_and_search(triager_client, reports, query, expected):
    assert listed(triager_client.get(f"{LIST}?{query}")) == expected


def bulk(client, action, reports):
    return client.post(
        LIST,
        {"action": action, "_selected_action": [report.pk for report in reports]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("action", "status"),
    [("mark_triaged", "triaged"), ("mark_resolved", "resolved"), ("mark_spam", "spam")],
)
def test_bulk_status_actions(triager_client, reports, action, status):
    response = bulk(triager_client, action, [reports["signin"], reports["login"]])
    assert response.status_code == 200
    changed = ProblemReport.objects.filter(pk__in=[reports["signin"].pk, reports["login"].pk])
    assert set(changed.values_list("status", flat=True)) == {status}
    assert ProblemReport.objects.get(pk=reports["old"].pk).status == "resolved"


def test_assign_to_me(triager_client, triager, reports):
    bulk(triager_client, "assign_to_me", [reports["login"]])
    assert ProblemReport.objects.get(pk=reports["login"].pk).assignee == triager
    assert ProblemReport.objects.get(pk=reports["signin"].pk).assignee is None


def test_notes_and_status_are_editable_and_the_submitted_fields_are_not(triager_client, reports):
    report = reports["signin"]
    url = f"{LIST}{report.pk}/change/"
    form = parse(triager_client.get(url)).select_one("form#problemreport_form")
    editable = {
        field["name"] for field in form.select("input, select, textarea") if field.get("name")
    }
    assert {"status", "assignee", "notes"} <= editable
    assert not editable & {"path", "title", "language", "received_at"}
    triager_client.post(
        url,
        {"status": "triaged", "assignee": "", "notes": "Broken link to GCKey.", "path": "/evil/"},
    )
    report.refresh_from_db()
    assert (report.status, report.notes, report.path) == (
        "triaged",
        "Broken link to GCKey.",
        "/en/sign-in/",
    )


def test_the_assignee_is_chosen_among_staff_only(triager_client, reports):
    from tests.factories import StaffUserFactory

    StaffUserFactory(username="applicant", is_staff=False)
    form = parse(triager_client.get(f"{LIST}{reports['signin'].pk}/change/"))
    names = {option.get_text() for option in form.select('select[name="assignee"] option')}
    assert "triager1" in names
    assert "applicant" not in names


def test_the_admin_speaks_french_under_fr(triager_client, reports):
    response = triager_client.get("/fr/admin/feedback/problemreport/")
    page = parse(response)
    assert page.html["lang"] == "fr"
    headers = [th.get_text(strip=True) for th in page.select("#result_list thead th")]
    assert headers[1:] == ["Reçu", "Page", "Catégories", "Langue", "État", "Responsable"]
    assert "Message d'erreur à l'ouverture de session" in response.content.decode().replace(
        "&#x27;", "'"
    )


def test_staff_switch_the_admin_list_to_the_other_language(triager_client, reports):
    page = parse(triager_client.get(f"{LIST}?status__exact=new"))
    link = page.select_one("#header a[hreflang=fr]")  # the admin's language toggle
    assert link.select_one(".lang-long").get_text() == "Français"
    french = parse(triager_client.get(link["href"]))
    assert french.html["lang"] == "fr"
    assert french.select_one("#header a[hreflang=en]")["href"] == f"{LIST}?status__exact=new"


def test_a_long_list_is_not_counted_past_the_cap(triager_client, monkeypatch):
    monkeypatch.setattr("portal.admin_widgets.COUNT_CAP", 3)
    for _ in range(5):
        ProblemReportFactory()
    paginator = parse(triager_client.get(LIST)).select_one(".paginator").get_text()
    assert " ".join(paginator.split()) == "More than 3 problem reports"
    french = parse(triager_client.get("/fr/admin/feedback/problemreport/"))
    assert "Plus de 3 signalements de problèmes" in french.select_one(".paginator").get_text()
