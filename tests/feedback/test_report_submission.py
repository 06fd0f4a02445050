import pytest
from django.utils import timezone

from feedback.models import ProblemReport
from tests.html import parse

pytestmark = pytest.mark.django_db

THANKS = {
    "en": ("Thank you for your help!", "You will not receive a reply."),
    "fr": ("Merci de votre aide!", "Vous ne recevrez pas de réponse."),
}
PAGES = {"en": "/en/sign-in/", "fr": "/fr/ouvrir-session/"}
URLS = {"en": "/en/report-problem/", "fr": "/fr/signaler-probleme/"}


def post(client, language, categories, **extra):
    data = {"categories": categories, "path": PAGES[language], "title": "Le titre", **extra}
    return client.post(URLS[language], data)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_without_javascript_the_post_comes_back_to_the_page_with_the_thanks(client, language):
    response = post(client, language, ["broken", "spelling"])
    assert response.status_code == 302
    assert response["Location"] == f"{PAGES[language]}?feedback=thanks#report-problem"
    page = parse(client.get(response["Location"]))
    thanks = page.select_one("#report-problem")
    heading, line = THANKS[language]
    assert thanks.h3.get_text() == heading
    assert line in thanks.get_text()
    assert thanks.find("a")["href"].startswith("https://www.canada.ca/")
    assert page.select_one("form[data-report-form]") is None, "the thanks replace the form"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_report_keeps_the_page_title_language_categories_and_time_only(client, language):
    before = timezone.now()
    post(client, language, ["outdated", "not-found"], REMOTE_ADDR="203.0.113.9")
    report = ProblemReport.objects.get()
    assert report.path == PAGES[language]
    assert report.title == "Le titre"
    assert report.language == language
    assert before <= report.received_at <= timezone.now()
    assert report.category_list == ["outdated", "not-found"]
    stored = " ".join(str(value) for value in ProblemReport.objects.values().get().values())
    assert "203.0.113.9" not in stored
    field_names = {field.name for field in ProblemReport._meta.get_fields()}
    assert not field_names & {"user", "ip_address", "address", "session"}


def test_a_sub_option_brings_its_parent(client):
    post(client, "en", ["login-sin"])
    assert ProblemReport.objects.get().category_list == ["login", "login-sin"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_box_checked_shows_the_form_open_with_a_clear_error(client, language):
    response = post(client, language, [])
    assert response.status_code == 302
    assert response["Location"] == f"{PAGES[language]}?feedback=missing#report-problem"
    page = parse(client.get(response["Location"]))
    details = page.select_one("details#report-problem")
    assert "open" in details.attrs
    error = {"en": "Select at least one box.", "fr": "Cochez au moins une case."}[language]
    assert page.select_one("#report-error").get_text() == error
    assert details.fieldset["aria-describedby"] == "report-error"
    assert not ProblemReport.objects.exists()


def test_with_javascript_the_answer_is_json(client):
    response = client.post(
        URLS["fr"],
        {"categories": ["broken"], "path": PAGES["fr"], "title": "T"},
        headers={"accept": "application/json"},
    )
    assert response.json() == {"status": "thanks"}
    assert ProblemReport.objects.count() == 1


def test_with_javascript_no_box_checked_is_a_message_in_the_page_language(client):
    response = client.post(
        URLS["fr"], {"path": PAGES["fr"], "title": "T"}, headers={"accept": "application/json"}
    )
    assert response.json() == {"status": "invalid", "message": "Cochez au moins une case."}
    assert not ProblemReport.objects.exists()


def test_a_report_from_an_error_page_is_accepted(client):
    post(client, "en", ["broken"], path="/en/no-such-page/")
    assert ProblemReport.objects.get().path == "/en/no-such-page/"
