import pytest
from django.test import Client

from accounts.models import User
from tests.html import parse

pytestmark = pytest.mark.django_db

LONG = "A" * 10_000
FORMS = {
    "/en/account/register/": ["username", "password1", "password2", "email"],
    "/en/account/sign-in/": ["login", "password"],
    "/en/account/username/forgot/": ["email"],
    "/en/account/password/forgot/": ["email"],
}


@pytest.mark.parametrize("url", FORMS)
@pytest.mark.parametrize("value", ["", LONG, "a\x1b[31mb", "\u202etxt"])
def test_odd_input_gets_a_form_answer_never_a_500(client, url, value):
    response = client.post(url, dict.fromkeys(FORMS[url], value))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert parse(response).select_one(".error-summary") is not None
    assert not User.objects.exists()


@pytest.mark.parametrize("url", FORMS)
def test_a_nul_character_gets_the_400_page_and_changes_nothing(client, url):
    response = client.post(url, dict.fromkeys(FORMS[url], "abc\x00def"))
    assert response.status_code == 400
    assert "Bad request" in parse(response).select_one("h1").get_text()
    assert not User.objects.exists()


@pytest.mark.parametrize("url", FORMS)
def test_non_utf8_bodies_get_a_form_answer(client, url):
    body = b"&".join(f"{name}=".encode() + b"\xff\xfe\xc3" for name in FORMS[url])
    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302)


def test_profile_odd_input(signed_in, applicant):
    data = {
        "given_names": LONG,
        "family_name": LONG,
        "date_of_birth": LONG,
        "email": LONG,
        "preferred_language": LONG,
    }
    response = signed_in.post("/en/account/profile/", data)
    assert response.status_code == 200
    linked = {a["href"] for a in parse(response).select(".error-summary li a")}
    assert linked == {f"#id_{name}" for name in data}
    applicant.refresh_from_db()
    assert applicant.given_names == "Alex"


@pytest.mark.parametrize("url", [*FORMS, "/en/account/sign-out/"])
def test_posts_without_a_csrf_token_get_the_bilingual_403(url):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"login": "x"})
    assert response.status_code == 403
    assert "security check failed" in response.content.decode()
    french = client.post(url.replace("/en/", "/fr/", 1), {"login": "x"})
    assert french.status_code in (403, 404)
