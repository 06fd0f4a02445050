"""The sign-in page and everything it loads: at most 6 requests and 60 KB before compression."""

import pytest

pytestmark = pytest.mark.browser

MAX_REQUESTS = 6
MAX_BYTES = 60 * 1024


@pytest.mark.parametrize("path", ["/en/sign-in/", "/fr/ouvrir-session/"])
def test_sign_in_page_is_light(live_server, page, with_notices, path):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url + path, wait_until="networkidle")
    total = sum(len(response.body()) for response in responses)
    origins = {response.url.split("/")[2] for response in responses}
    assert origins == {live_server.url.split("/")[2]}, "no third-party request"
    assert len(responses) <= MAX_REQUESTS, [r.url for r in responses]
    assert total <= MAX_BYTES, total
