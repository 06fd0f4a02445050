"""URLs that fail on purpose, on top of the portal's own, to reach each error page."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.urls import path
from django.views.decorators.csrf import csrf_protect

from portal.urls import urlpatterns as portal_urlpatterns


def raise_400(request):
    raise SuspiciousOperation("test")


def raise_403(request):
    raise PermissionDenied


def raise_500(request):
    raise RuntimeError("test")


def query_500(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    raise AssertionError("unreachable: the database is down in this test")


@csrf_protect
def protected_post(request):
    raise AssertionError("unreachable: the CSRF check fails first")


urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(
        path("test-errors/400/", raise_400, name="test_400"),
        path("test-errors/403/", raise_403, name="test_403"),
        path("test-errors/500/", raise_500, name="test_500"),
        path("test-errors/500-db/", query_500, name="test_500_db"),
        path("test-errors/csrf/", protected_post, name="test_csrf"),
    ),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
handler429 = "portal.views.too_many_requests"


def csrf_page(request):
    """The CSRF failure page, reachable by GET so a browser test can scan it."""
    from portal.views import csrf_failure

    return csrf_failure(request)


urlpatterns += i18n_patterns(path("test-errors/csrf-page/", csrf_page, name="test_csrf_page"))
