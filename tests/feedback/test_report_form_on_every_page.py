import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.html import parse
from tests.pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

LABELS = {
    "en": ("Report a problem or mistake on this page", "Please select all that apply:"),
    "fr": (
        "Signaler un problème ou une erreur sur cette page",
        "Veuillez sélectionner toutes les cases qui s'appliquent :",
    ),
}


def report_form(response):
    return parse(response).select_one("details#report-problem")


def assert_has_report_form(response, language, path):
    details = report_form(response)
    assert details is not None
    assert "open" not in details.attrs, "collapsed by default"
    summary, legend = LABELS[language]
    assert details.summary.get_text(strip=True) == summary
    form = details.form
    assert form.fieldset.legend.get_text(strip=True) == legend
    assert form["method"] == "post"
    # No token: it would cost every page a new secret and cookie (see feedback.views).
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is None
    assert form.select_one('input[name="path"]')["value"] == path
    boxes = [box["value"] for box in form.select('input[type="checkbox"][name="categories"]')]
    assert len(boxes) == 12
    # Before "Date modified", inside the page details.
    html = response.content.decode()
    assert html.index('id="report-problem"') < html.index('class="date-modified"')


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", [name for name, *_titles in PUBLIC_PAGES])
def test_every_public_page_has_the_report_form(client, name, language):
    with translation.override(language):
        path = reverse(name)
    assert_has_report_form(client.get(path), language, path)


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    ("path", "status"),
    [("no-such-page/", 404), ("test-errors/403/", 403), ("test-errors/500/", 500)],
)
def test_error_pages_have_the_report_form(language, path, status):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/{path}")
    assert response.status_code == status
    assert_has_report_form(response, language, f"/{language}/{path}")


@pytest.mark.urls("tests.error_urls")
def test_the_form_costs_no_query_on_an_error_page(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).get("/en/test-errors/500/")
    assert report_form(response) is not None


def test_sub_options_sit_under_the_login_error_option(client):
    form = report_form(client.get("/fr/ouvrir-session/")).form
    nested = form.select('input[value="login"] ~ ul input[type="checkbox"]')
    assert [box["value"] for box in nested] == [
        "login-gckey",
        "login-partner",
        "login-access-code",
        "login-sin",
        "login-other",
    ]
    assert form.find("label", attrs={"for": "report-login-gckey"}).get_text() == "Accès CléGC"


def test_the_page_title_goes_with_the_report(client):
    form = report_form(client.get("/fr/ouvrir-session/")).form
    title = form.select_one('input[name="title"]')["value"]
    assert title == "Ouvrir une session à votre compte sécurisé d'IRCC"


def test_the_cached_form_carries_each_page_s_own_path_and_title(client):
    first = report_form(client.get("/en/sign-in/")).form
    second = report_form(client.get("/fr/no-such-page/")).form
    assert first.select_one('input[name="path"]')["value"] == "/en/sign-in/"
    assert second.select_one('input[name="path"]')["value"] == "/fr/no-such-page/"
    assert second.select_one('input[name="title"]')["value"] == (
        "Nous ne pouvons trouver cette page Web"
    )


def test_a_page_with_the_form_sets_no_cookie(client):
    assert not client.get("/en/sign-in/").cookies
