"""Input no page of the portal accepts: a NUL character anywhere a person can type.

PostgreSQL refuses NUL in text, so a NUL that reached a query (an application number in the
address, an admin filter, a form field, a session cookie) became a server error. It is never
part of a legitimate request: the answer is the bilingual 400 page, before any view runs.
"""

from portal.views import error_page

NUL = "\x00"


def _has_nul(pairs):
    return any(NUL in key or any(NUL in value for value in values) for key, values in pairs)


def request_has_nul(request):
    if NUL in request.path or _has_nul(request.GET.lists()):
        return True
    if any(NUL in value for key, value in request.META.items() if key.startswith("HTTP_")):
        return True
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        return True  # a cookie's "\000" escape decodes to NUL
    content_type = request.content_type or ""
    if request.method == "POST" and content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return _has_nul(request.POST.lists())  # form fields only: files may hold any byte
    return False


class NulInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_has_nul(request):
            return error_page(request, 400)
        return self.get_response(request)


def is_local_path(url):
    """A `next` address the portal follows: a path on this site, never a name or another host.

    `?next=foo` or `?next=account_logout` are not paths (Django's redirect() would reverse a URL
    name), and `//host` or `/\\host` lead elsewhere.
    """
    return (
        isinstance(url, str)
        and url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and NUL not in url
        and not any(ch.isspace() for ch in url)
    )
