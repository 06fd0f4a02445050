import pytest

from tests.factories import HelpTopicFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def search_box(client, url):
    return parse(client.get(url)).select_one("header form[role=search]")


@pytest.mark.parametrize(
    ("language", "urls", "action"),
    [
        (
            "en",
            ["/en/sign-in/", "/en/help/", "/en/search/?q=x", "/en/no-such-page/"],
            "/en/search/",
        ),
        ("fr", ["/fr/ouvrir-session/", "/fr/aide/", "/fr/recherche/?q=x"], "/fr/recherche/"),
    ],
)
def test_every_page_has_the_same_search_box_in_its_header(client, language, urls, action):
    HelpTopicFactory()
    boxes = {str(search_box(client, url)) for url in urls}
    assert len(boxes) == 1
    box = search_box(client, urls[0])
    assert box["method"] == "get"
    assert box["action"] == action
    assert box.select_one("input[name=csrfmiddlewaretoken]") is None
    field = box.select_one("input[name=q]")
    assert box.select_one(f'label[for="{field["id"]}"]').get_text(strip=True)
    assert field["maxlength"] == "100"
    assert box.select_one("button[type=submit]")
