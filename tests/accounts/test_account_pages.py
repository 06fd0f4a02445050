import pytest
from django.urls import reverse
from django.utils import translation

from tests.html import internal_links, page_facts
from tests.pages import ACCOUNT_PAGES

pytestmark = pytest.mark.django_db


def url_in(name, language):
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize(("name", "title_en", "title_fr"), ACCOUNT_PAGES)
def test_account_pages_in_both_languages(signed_in, name, title_en, title_fr):
    for language, title in (("en", title_en), ("fr", title_fr)):
        response = signed_in.get(url_in(name, language))
        assert response.status_code == 200
        facts = page_facts(response)
        assert facts["lang"] == language
        assert facts["title"] == f"{title} - Canada.ca"
        assert facts["h1"] == [title]
        other = "fr" if language == "en" else "en"
        assert facts["toggle"] == url_in(name, other)


@pytest.mark.parametrize(("name", "title_en", "title_fr"), ACCOUNT_PAGES)
def test_account_pages_need_a_signed_in_applicant(client, name, title_en, title_fr):
    response = client.get(url_in(name, "en"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/sign-in/?next=")


@pytest.mark.parametrize(("name", "title_en", "title_fr"), ACCOUNT_PAGES)
def test_no_link_of_an_account_page_leads_to_a_404(signed_in, name, title_en, title_fr):
    for link in internal_links(signed_in.get(url_in(name, "fr"))):
        status = signed_in.get(link).status_code
        assert status in (200, 302), f"{link} answers {status}"
