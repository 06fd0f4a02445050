import pytest
from django.urls import reverse
from django.utils import translation

from tests.html import internal_links
from tests.pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("name", "title_en", "title_fr"), PUBLIC_PAGES)
def test_no_link_of_a_page_leads_to_a_404(client, name, title_en, title_fr, language):
    with translation.override(language):
        url = reverse(name)
    links = internal_links(client.get(url))
    assert links, "every page links somewhere in the portal (at least the language toggle)"
    for link in links:
        status = client.get(link).status_code
        assert status in (200, 301, 302), f"{url} links to {link}, which answers {status}"
