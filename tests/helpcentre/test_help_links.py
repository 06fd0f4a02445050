import pytest

from helpcentre import demo as demo_help
from tests.html import internal_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "start", ["/en/help/", "/fr/aide/", "/en/search/?q=password", "/fr/recherche/?q=passe"]
)
def test_no_help_or_search_link_leads_to_a_404(client, start):
    demo_help.load()
    pages = internal_links(client.get(start))
    topics = [link for link in pages if "/questions/" in link]
    assert topics, "the demo topics are linked"
    for link in pages + internal_links(client.get(topics[0])):
        status = client.get(link).status_code
        assert status in (200, 301, 302), f"{start} leads to {link}, which answers {status}"
