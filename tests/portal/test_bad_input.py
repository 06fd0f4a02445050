"""Input that once gave server errors on PostgreSQL: NUL characters and `next` values."""

import pytest

from tests.accounts.conftest import sign_in, totp_now, two_step
from tests.factories import ApplicationFactory
from tests.html import page_facts

pytestmark = pytest.mark.django_db


def assert_bad_request_page(response, language="en"):
    assert response.status_code == 400
    facts = page_facts(response)
    assert facts["lang"] == language
    expected = {"en": "Bad request (Error 400)", "fr": "Requête incorrecte (Erreur 400)"}
    assert facts["h1"] == [expected[language]]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_nul_in_an_application_number_is_a_400_page(signed_in, language):
    prefix = "/en/account/applications/" if language == "en" else "/fr/compte/demandes/"
    assert_bad_request_page(signed_in.get(prefix + "E12345678%00/"), language)


def test_an_address_that_is_not_an_application_number_is_a_404(signed_in, applicant):
    assert signed_in.get("/en/account/applications/E12345678/").status_code == 404
    assert signed_in.get("/en/account/applications/E1234567890/").status_code == 404
    assert signed_in.get("/en/account/applications/'OR'1/").status_code == 404


def test_a_lower_case_number_still_finds_the_application(signed_in, applicant):
    linked = ApplicationFactory(number="W100000001", account=applicant)
    assert signed_in.get(f"/en/account/applications/{linked.number.lower()}/").status_code == 200


def test_nul_in_a_query_string_is_a_400_page(signed_in, admin_client):
    assert_bad_request_page(signed_in.get("/en/search/", {"q": "cle\x00"}))
    assert_bad_request_page(
        admin_client.get("/en/admin/applications/application/", {"status__exact": "a\x00"})
    )


def test_nul_in_a_form_is_a_400_page(signed_in):
    response = signed_in.post(
        "/fr/compte/demandes/lier/",
        {"method": "number", "application_number": "E123456789", "family_name": "Cô\x00té"},
    )
    assert_bad_request_page(response, "fr")


def test_nul_in_a_header_or_cookie_is_a_400_page(client):
    assert_bad_request_page(client.get("/en/sign-in/", headers={"user-agent": "Bot\x00"}))
    client.cookies["sessionid"] = "abcdefghij\x00klmnopqrstuvwxyz"  # long enough to be looked up
    assert_bad_request_page(client.get("/en/sign-in/"))


def test_a_file_may_hold_any_byte(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("shot.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "image/png")
    response = client.post("/en/technical-difficulties/", {"attachment": upload})
    assert response.status_code == 200  # the form answers (with its errors), no 400


@pytest.mark.parametrize("path", ["/en/account/%FF/", "/en/search/?q=%FF%FE", "/fr/aide/%C3/"])
def test_invalid_utf8_is_never_a_server_error(client, path):
    assert client.get(path).status_code < 500


@pytest.mark.parametrize(
    "next_url", ["foo", "account_logout", "profile", "//evil.example/", "https://evil.example/"]
)
def test_a_next_that_is_not_a_local_path_is_ignored(client, applicant, next_url):
    response = sign_in(client, "alextremblay", next=next_url)
    assert response.status_code == 302
    response = two_step(client, totp_now())
    assert response["Location"] == "/en/account/"


def test_a_next_that_is_a_local_path_is_followed(client, applicant):
    sign_in(client, "alextremblay", next="/en/account/security/")
    assert two_step(client, totp_now())["Location"] == "/en/account/security/"


def test_the_profile_ignores_a_next_that_is_not_a_path(signed_in):
    from django.utils.http import urlencode

    data = {"given_names": "Alex", "family_name": "Tremblay", "date_of_birth": "1990-03-25",
            "email": "alex@example.com", "preferred_language": "en"}  # fmt: skip
    response = signed_in.post("/en/account/profile/?" + urlencode({"next": "account_logout"}), data)
    assert response.status_code in (200, 302)
    assert response.get("Location", "") != "account_logout"
