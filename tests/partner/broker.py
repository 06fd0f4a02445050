"""The server-to-server side of the Sign-In Partner round trip, in the test process.

`InProcessAdapter` (installed through SOCIALACCOUNT_ADAPTER) hands allauth a requests session
whose transport calls the stub broker through Django's test client, so the portal's back-channel
requests (discovery, token, userinfo, JWKS) reach the stub without a server. `transport.fail`
simulates a broker that is down or too slow.
"""

from urllib.parse import urlsplit

import requests
from django.test import Client
from django.utils import translation
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from accounts.adapters import SocialAccountAdapter


class DjangoTransport(BaseAdapter):
    def __init__(self):
        super().__init__()
        self.fail = None  # an exception class to raise instead of answering
        self.calls = []
        self.rewrite = None  # a function (url, response) -> response, to tamper with answers

    def close(self):
        pass

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        self.calls.append((request.method, request.url, timeout))
        if self.fail is not None:
            raise self.fail(f"simulated: {request.url}")
        url = urlsplit(request.url)
        client = Client(HTTP_HOST=url.netloc)
        headers = {
            key: value
            for key, value in request.headers.items()
            if key.lower() not in ("host", "content-length", "content-type")
        }
        path = url.path + (f"?{url.query}" if url.query else "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        # The nested request activates its own language in this thread: keep the caller's.
        with translation.override(translation.get_language()):
            answer = client.generic(
                request.method,
                path,
                data=body,
                content_type=request.headers.get("Content-Type", "application/octet-stream"),
                headers=headers,
            )
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = CaseInsensitiveDict(dict(answer.items()))
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        if self.rewrite is not None:
            response = self.rewrite(request.url, response)
        return response


transport = DjangoTransport()


class InProcessAdapter(SocialAccountAdapter):
    def get_requests_session(self):
        session = super().get_requests_session()
        session.mount("http://", transport)
        session.mount("https://", transport)
        return session
