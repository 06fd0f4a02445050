import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from portal.models import Notice
from portal.selectors import notice_list_current


@require_safe
def root_redirect(request):
    """``/``: the sign-in page in the language the browser prefers."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = redirect("signin")
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def language_root(request):
    """``/en/`` and ``/fr/``: the sign-in page in that language (the prefix chose it)."""
    return redirect("signin")


@require_safe
def healthz(request):
    """Liveness: answers without touching any dependency."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def signin(request):
    notices = notice_list_current()
    context = {
        "page_title": _("IRCC secure account: Sign in"),
        "featured_notices": [n for n in notices if n.kind == Notice.Kind.FEATURED],
        "alert_notices": [n for n in notices if n.kind != Notice.Kind.FEATURED],
        # The rendered page body is cached per language and set of notices, and per version of
        # the help topics it lists (the help centre's template tags, templates/portal/signin.html).
        "notices_key": "-".join(f"{n.pk}.{n.updated_at.timestamp()}" for n in notices),
    }
    if notices:
        context["date_modified"] = max(timezone.localdate(n.updated_at) for n in notices)
    return render(request, "portal/signin.html", context)


# --- Error pages ----------------------------------------------------------------------------
# Rendered in the page chrome and the request's language. They must not touch the database,
# so that the 500 page still renders when the database is down.

ERRORS = {
    400: (
        _("Bad request"),
        _("We could not understand the request your browser sent. Please go back and try again."),
    ),
    403: (
        _("Access denied"),
        _("You do not have permission to see this page."),
    ),
    404: (
        _("We couldn't find that Web page"),
        _("We're sorry you ended up here. Sometimes a page gets moved or deleted."),
    ),
    413: (
        _("What you sent is too large"),
        _(
            "The page received more than 5 MB, so nothing was saved. Files are accepted up to "
            "4 MB each: go back, choose a smaller file (or combine fewer pages) and try again."
        ),
    ),
    429: (
        _("Too many attempts"),
        _(
            "For your security, we have paused this for a few minutes after too many attempts. "
            "Please wait a few minutes, then try again."
        ),
    ),
    503: (
        _("This service is temporarily unavailable"),
        _(
            "We're sorry: part of our system is not answering right now. Your information is safe. "
            "Please try again in a few minutes."
        ),
    ),
    500: (
        _("We're having a problem with that page"),
        _(
            "We expect the problem to be fixed shortly. It's not your computer or Internet "
            "connection but a problem with our website's server. Please try again later."
        ),
    ),
}


DATABASE_RETRY_AFTER_SECONDS = 30


def error_page(request, status, *, detail=None):
    title, message = ERRORS[status]
    request.portal_error_page = True
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        return render(
            request,
            "portal/error.html",
            {
                "status": status,
                "page_title": title,
                "message": message,
                "detail": detail,
                "error_page": True,
                "request_id": getattr(request, "id", ""),
            },
            status=status,
        )


def bad_request(request, exception):
    return error_page(request, 400)


def permission_denied(request, exception):
    return error_page(request, 403)


def page_not_found(request, exception):
    return error_page(request, 404)


def too_many_requests(request, exception=None):
    return error_page(request, 429)


def server_error(request):
    # Django calls this while handling the exception: a database that is down or restarting
    # is a temporary outage (503, come back later), not a fault of the page (500).
    if isinstance(sys.exception(), (OperationalError, InterfaceError)):
        response = error_page(request, 503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return error_page(request, 500)


def csrf_failure(request, reason=""):
    detail = _(
        "Your form could not be sent because its security check failed. This happens when a page "
        "stays open for a long time or cookies are blocked. Go back, reload the page and try again."
    )
    return error_page(request, 403, detail=detail)
