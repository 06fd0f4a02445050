import pytest
from django.core import mail

from accounts.models import User
from tests.accounts.conftest import delivering
from tests.factories import UserFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

PROFILE = {
    "given_names": "Marie Claire",
    "family_name": "Côté",
    "date_of_birth": "1988-07-14",
    "email": "marie@example.com",
    "preferred_language": "fr",
}


@pytest.fixture
def newcomer(client):
    user = UserFactory(
        username="newcomerab",
        totp_secret="A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS",
        profile_completed_at=None,
        given_names="",
        family_name="",
        date_of_birth=None,
        preferred_language="",
    )
    client.force_login(user)
    return user


def test_account_pages_redirect_to_the_profile_until_it_is_complete(client, newcomer):
    for url in ("/en/account/", "/en/account/security/", "/en/account/security/activity/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/account/profile/?next=")


def test_completing_the_profile_opens_account_home_in_the_preferred_language(client, newcomer):
    response = client.post("/en/account/profile/", PROFILE)
    assert response.status_code == 302
    assert response["Location"] == "/fr/compte/"
    newcomer.refresh_from_db()
    assert newcomer.has_complete_profile
    assert (newcomer.given_names, newcomer.family_name) == ("Marie Claire", "Côté")
    assert str(newcomer.date_of_birth) == "1988-07-14"
    home = client.get("/fr/compte/")
    assert "Marie Claire Côté" in parse(home).select_one("main").get_text()


def test_profile_returns_to_where_the_applicant_was_going(client, newcomer):
    response = client.post("/en/account/profile/", {**PROFILE, "next": "/en/account/security/"})
    assert response["Location"] == "/en/account/security/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date_of_birth", "2999-01-01", "cannot be in the future"),
        ("date_of_birth", "14/07/1988", "YYYY-MM-DD"),
        ("given_names", "", "required"),
        ("email", "not-an-email", "valid email"),
        ("preferred_language", "de", "valid choice"),
    ],
)
def test_profile_errors(client, newcomer, field, value, message):
    response = client.post("/en/account/profile/", {**PROFILE, field: value})
    assert response.status_code == 200
    assert message in parse(response).select_one(".error-summary").get_text()
    newcomer.refresh_from_db()
    assert not newcomer.has_complete_profile


def test_updating_the_profile_is_recorded(signed_in, applicant):
    signed_in.post(
        "/en/account/profile/",
        {**PROFILE, "preferred_language": "en", "current_password": "Maple2026Leaf"},
    )
    assert applicant.security_events.filter(kind="profile_updated").count() == 1
    assert User.objects.get(pk=applicant.pk).email == "marie@example.com"


def test_emails_follow_the_new_preferred_language(client, newcomer):
    client.post("/en/account/profile/", PROFILE)
    client.post("/en/account/sign-out/")
    with delivering():
        client.post("/en/account/username/forgot/", {"email": "marie@example.com"})
    assert mail.outbox[-1].subject == "Le nom d’utilisateur de votre CléGC"
