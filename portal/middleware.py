"""Request bodies larger than the portal ever needs are refused before they are read."""

import io

from django.conf import settings

from portal.views import error_page


class BodySizeLimitMiddleware:
    """Refuse bodies over REQUEST_BODY_MAX_BYTES with the bilingual 413 page.

    A declared Content-Length is judged at once, before anything reads the body. A body that
    arrives without one (chunked) is read up to the limit and one byte more: over it, the
    same 413; under it, the portal gets the body with its length, as if it had been declared.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_BODY_MAX_BYTES
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            try:
                too_large = int(declared) > limit
            except ValueError:
                return error_page(request, 400)
            if too_large:
                return error_page(request, 413)
        elif request.META.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            stream = request.META.get("wsgi.input")
            body = stream.read(limit + 1) if stream is not None else b""
            if len(body) > limit:
                return error_page(request, 413)
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = io.BytesIO(body)
            request._read_started = False
        return self.get_response(request)
