"""Bodies over 5 MB are refused before they are read, with the bilingual 413 page."""

import io

import pytest
from django.test import RequestFactory

from portal.middleware import BodySizeLimitMiddleware
from tests.html import page_facts

pytestmark = pytest.mark.django_db
TITLES = {"en": "What you sent is too large", "fr": "Ce que vous avez envoyé est trop volumineux"}


class UnreadableStream(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_declared_large_body_gets_the_413_page_unread(language, settings):
    path = "/en/technical-difficulties/" if language == "en" else "/fr/difficultes-techniques/"
    request = RequestFactory().post(path, data=b"", content_type="multipart/form-data")
    request.META["CONTENT_LENGTH"] = str(6 * 1024 * 1024)
    request.META["wsgi.input"] = UnreadableStream()
    request._stream = UnreadableStream()
    request.id = "test"
    response = BodySizeLimitMiddleware(lambda r: pytest.fail("the view ran"))(request)
    assert response.status_code == 413
    facts = page_facts(response)
    assert facts["lang"] == language
    assert facts["h1"][0].startswith(TITLES[language])


def test_the_real_stack_refuses_a_6_mb_upload(client):
    response = client.post(
        "/fr/difficultes-techniques/",
        {"description": "x", "attachment": io.BytesIO(b"\x00" * (6 * 1024 * 1024))},
    )
    assert response.status_code == 413
    assert page_facts(response)["lang"] == "fr"


def test_a_chunked_body_over_the_limit_is_refused_and_one_under_is_read(settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    factory = RequestFactory()

    def chunked(size):
        form = "application/x-www-form-urlencoded"
        request = factory.generic("POST", "/en/search/", data=b"q=", content_type=form)
        body = b"q=" + b"a" * (size - 2)
        request.META.pop("CONTENT_LENGTH", None)
        request.META["HTTP_TRANSFER_ENCODING"] = "chunked"
        request.META["wsgi.input"] = io.BytesIO(body)
        request.id = "test"
        return request

    seen = {}

    def view(request):
        seen["q"] = request.POST.get("q")
        return None

    assert BodySizeLimitMiddleware(view)(chunked(2000)).status_code == 413
    BodySizeLimitMiddleware(view)(chunked(500))
    assert seen["q"] == "a" * 498
