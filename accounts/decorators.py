from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

TYPED_KEY = "portal_typed_after_signout"
TYPED_MAX_FIELDS, TYPED_MAX_CHARS = 100, 2000


def account_page(view):
    """A page of the secure account: signed in, with a complete profile."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_complete_profile:
            return redirect_to_login(request.get_full_path(), resolve_url("profile"))
        return view(request, *args, **kwargs)

    return wrapper


def typed_stash(request) -> bool:
    """Keep a form posted after the session ended, for the same page once signed in again.

    Only a post made by this site's own page (it passes the CSRF check) is kept, so no other
    site can fill in an applicant's form. Files are not kept: they are sent again.
    """
    if request.method != "POST":
        return False
    if CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None:
        return False
    data = {
        key: value[:TYPED_MAX_CHARS]
        for key, value in list(request.POST.items())[:TYPED_MAX_FIELDS]
        if key != "csrfmiddlewaretoken" and not key.startswith("_")
    }
    request.session[TYPED_KEY] = {"path": request.path, "data": data}
    return True


def typed_stash_pop(request) -> dict | None:
    """What was typed on this page when the session ended, once; None if nothing was."""
    stash = request.session.get(TYPED_KEY)
    if stash and stash.get("path") == request.path:
        del request.session[TYPED_KEY]
        return stash["data"]
    return None


def keeps_typed_after_signout(view) -> bool:
    return getattr(view, "keeps_typed_after_signout", False)


def account_form_page(view):
    """An account page whose form survives the end of the session: what was typed is kept and
    shown again on the same page after signing in (see ``typed_stash``)."""
    page = account_page(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and typed_stash(request):
            messages.info(
                request,
                _(
                    "Your session ended before your answers were saved. Sign in again: what you "
                    "typed is kept and shown again."
                ),
            )
            return redirect_to_login(request.path, resolve_url("account_login"))
        return page(request, *args, **kwargs)

    wrapper.keeps_typed_after_signout = True
    return wrapper
