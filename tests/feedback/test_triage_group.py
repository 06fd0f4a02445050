import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_triage_group_has_exactly_the_triage_permissions():
    codenames = set(
        Group.objects.get(name="triage").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert codenames == {
        ("feedback", "view_problemreport"),
        ("feedback", "change_problemreport"),
        ("feedback", "view_supportrequest"),
        ("feedback", "change_supportrequest"),
    }


def test_a_triager_sees_only_reports_and_requests_in_the_admin(triager_client):
    response = triager_client.get("/en/admin/")
    assert response.status_code == 200
    models = {
        model["object_name"] for app in response.context["app_list"] for model in app["models"]
    }
    assert models == {"ProblemReport", "SupportRequest"}


@pytest.mark.parametrize(
    "path",
    [
        "/en/admin/accounts/user/",
        "/en/admin/auth/group/",
        "/en/admin/portal/notice/",
        "/en/admin/feedback/problemreport/add/",
        "/en/admin/feedback/supportrequest/add/",
    ],
)
def test_a_triager_cannot_open_anything_else(triager_client, path):
    assert triager_client.get(path).status_code == 403


def test_a_triager_cannot_delete_reports(triager_client):
    from tests.factories import ProblemReportFactory

    report = ProblemReportFactory()
    url = f"/en/admin/feedback/problemreport/{report.pk}/delete/"
    assert triager_client.get(url).status_code == 403


def test_signed_out_visitors_are_sent_to_the_admin_sign_in(client):
    response = client.get("/en/admin/feedback/problemreport/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
