import pytest

from accounts.models import User
from tests.html import parse

pytestmark = pytest.mark.django_db

URLS = {"en": "/en/account/register/", "fr": "/fr/compte/inscription/"}
VALID = {
    "accept_terms": "on",
    "username": "newapplicant",
    "password1": "Xylo2026abc",
    "password2": "Xylo2026abc",
    "email": "new@example.com",
}


def errors_of(response, field):
    soup = parse(response)
    widget = soup.find(attrs={"name": field})
    group = widget.find_parent(class_="form-group")
    return [e.get_text(" ", strip=True) for e in group.select(".label-danger")]


def summary_of(response):
    soup = parse(response)
    summary = soup.select_one(".error-summary")
    return [li.get_text(" ", strip=True) for li in summary.select("li")] if summary else []


def test_registering_creates_the_account_and_goes_to_two_step_setup(client):
    response = client.post(URLS["en"], VALID)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/two-step/app/set-up/"
    user = User.objects.get(username="newapplicant")
    assert user.email == "new@example.com"
    assert user.password.startswith("argon2$argon2id$")


def test_registration_page_links_from_the_sign_in_page(client):
    soup = parse(client.get("/fr/ouvrir-session/"))
    assert soup.find("a", href=URLS["fr"])
    assert soup.find("a", href="/fr/compte/ouvrir-session/")


@pytest.mark.parametrize(
    ("username", "en", "fr"),
    [
        ("short1", "must be 8 to 16 characters", "doit compter de 8 à 16"),
        ("waytoolongusername1", "must be 8 to 16 characters", "doit compter de 8 à 16"),
        ("bad-name!", "Use only letters", "N’utilisez que des lettres"),
        ("élodieabc", "Use only letters", "N’utilisez que des lettres"),
        ("ab12345678", "at most 7 numbers", "au plus 7 chiffres"),
    ],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_username_rule_has_its_own_message_in_both_languages(
    client, username, en, fr, language
):
    response = client.post(URLS[language], {**VALID, "username": username})
    assert response.status_code == 200
    expected = en if language == "en" else fr
    assert any(expected in error for error in errors_of(response, "username"))
    assert any(expected in item for item in summary_of(response))
    assert not User.objects.exists()


def test_username_with_seven_digits_is_accepted(client):
    response = client.post(URLS["en"], {**VALID, "username": "qrs1234567"})
    assert response.status_code == 302


def test_usernames_are_unique_ignoring_case(client):
    client.post(URLS["en"], VALID)
    client.post("/en/account/sign-out/")
    response = client.post(URLS["en"], {**VALID, "username": "NewApplicant"})
    assert response.status_code == 200
    assert errors_of(response, "username")
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Ab1", ["8 to 16 characters"]),
        ("Abcdefgh12345678X", ["8 to 16 characters"]),
        ("xylo2026abc", ["upper-case"]),
        ("XYLO2026ABC", ["lower-case"]),
        ("Xylophoneabc", ["one number"]),
        ("abc", ["8 to 16 characters", "upper-case", "one number"]),
        ("Newapp2026", ["3 or more characters in a row"]),
        ("Xy\x07lo2026ab", ["cannot be typed"]),
        ("Password1", ["too common"]),
    ],
)
def test_each_broken_password_rule_gets_its_own_message(client, password, expected):
    response = client.post(URLS["en"], {**VALID, "password1": password, "password2": password})
    assert response.status_code == 200
    errors = " | ".join(errors_of(response, "password1"))
    for fragment in expected:
        assert fragment in errors
    assert len(errors_of(response, "password1")) >= len(expected)
    assert not User.objects.exists()


def test_password_equal_to_username_is_refused(client):
    data = {**VALID, "username": "Abcdefgh12", "password1": "Abcdefgh12", "password2": "Abcdefgh12"}
    response = client.post(URLS["en"], data)
    assert "must not be the same as your username" in " ".join(errors_of(response, "password1"))


def test_password_rules_in_french(client):
    data = {**VALID, "password1": "xylo2026abc", "password2": "xylo2026abc"}
    response = client.post(URLS["fr"], data)
    assert "au moins une lettre majuscule" in " ".join(errors_of(response, "password1"))


def test_terms_must_be_accepted(client):
    data = {key: value for key, value in VALID.items() if key != "accept_terms"}
    response = client.post(URLS["en"], data)
    assert "accept the terms" in " ".join(errors_of(response, "accept_terms"))
    assert not User.objects.exists()


def test_error_summary_counts_and_links_each_error(client):
    response = client.post(URLS["en"], {"username": "x"})
    soup = parse(response)
    summary = soup.select_one(".error-summary")
    links = summary.select("li a")
    assert len(links) >= 4
    assert "errors were found" in summary.h2.get_text()
    for link in links:
        assert soup.select_one(link["href"]) is not None
