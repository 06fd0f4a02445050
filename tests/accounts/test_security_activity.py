import pytest

from accounts.models import SecurityEvent
from accounts.services import coarse_user_agent, security_event_record
from tests.accounts.conftest import sign_in, totp_now, two_step
from tests.factories import UserFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0"


def kinds(user):
    return list(user.security_events.order_by("id").values_list("kind", flat=True))


def test_sign_ins_failures_and_sign_outs_are_recorded(client, applicant):
    sign_in(client, "alextremblay", "Wrong2026Pass", headers={"user-agent": FIREFOX})
    sign_in(client, "alextremblay")
    two_step(client, totp_now())
    client.post("/en/account/sign-out/")
    assert kinds(applicant) == ["sign_in_failed", "signed_in", "new_browser", "signed_out"]
    failed = applicant.security_events.get(kind="sign_in_failed")
    assert failed.user_agent == "Firefox / Windows"


def test_password_change_is_recorded_without_the_password(client, applicant):
    sign_in(client, "alextremblay")
    two_step(client, totp_now())
    response = client.post(
        "/en/account/password/change/",
        {
            "oldpassword": "Maple2026Leaf",
            "password1": "Harbour2026Key",
            "password2": "Harbour2026Key",
        },
    )
    assert response.status_code == 302
    event = applicant.security_events.get(kind="password_changed")
    assert "Harbour" not in f"{event.detail}{event.user_agent}"


def test_page_shows_the_last_thirty_events_of_this_applicant_only(signed_in, applicant):
    other = UserFactory(username="someoneelse")
    security_event_record(user=other, kind=SecurityEvent.Kind.PASSWORD_CHANGED)
    for _ in range(35):
        security_event_record(user=applicant, kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    response = signed_in.get("/en/account/security/activity/")
    rows = parse(response).select("tbody tr")
    # force_login itself recorded a sign-in, newest first.
    assert len(rows) == 30
    assert "Password changed" not in parse(response).select_one("tbody").get_text()


def test_page_is_in_french(signed_in, applicant):
    security_event_record(user=applicant, kind=SecurityEvent.Kind.PASSWORD_CHANGED)
    response = signed_in.get("/fr/compte/securite/activite/")
    assert "Mot de passe modifié" in parse(response).select_one("tbody").get_text()


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        (FIREFOX, "Firefox / Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1",
            "Safari / iOS",
        ),
        ("Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36", "Chrome / Android"),
        ("curl/8.0", ""),
    ],
)
def test_user_agent_is_kept_coarse(agent, expected):
    assert coarse_user_agent(agent) == expected


def test_staff_see_security_activity_read_only(staff_client, applicant):
    security_event_record(user=applicant, kind=SecurityEvent.Kind.PASSWORD_CHANGED)
    assert staff_client.get("/en/admin/accounts/securityevent/").status_code == 200
    event = applicant.security_events.first()
    response = staff_client.post(
        f"/en/admin/accounts/securityevent/{event.pk}/change/", {"kind": "signed_in"}
    )
    assert response.status_code == 403
    assert staff_client.get("/en/admin/accounts/securityevent/add/").status_code == 403
