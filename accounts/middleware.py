"""Session idling and account set-up rules that hold on every request."""

import time

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.adapters import has_second_factor
from accounts.decorators import keeps_typed_after_signout, typed_stash

LAST_SEEN_KEY = "portal_last_seen"
TWO_STEP_READY_KEY = "portal_two_step_ready"
# Writing the session on every request would cost a write per page: a minute's precision will do.
TOUCH_EVERY_SECONDS = 60

# Pages a signed-in applicant may use before two-step verification is set up.
TWO_STEP_SETUP_PAGES = {
    "mfa_activate_totp",
    "mfa_add_webauthn",
    "mfa_reauthenticate",
    "mfa_reauthenticate_webauthn",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "account_logout",
    "session_keepalive",
}


def _keeps_typed(request):
    try:
        return keeps_typed_after_signout(resolve(request.path_info).func)
    except Resolver404:
        return False


def session_seconds_left(request, *, now=None):
    last_seen = request.session.get(LAST_SEEN_KEY)
    if last_seen is None:
        return settings.SESSION_IDLE_SECONDS
    now = now or time.time()
    return max(0, int(settings.SESSION_IDLE_SECONDS - (now - last_seen)))


def session_touch(request):
    request.session[LAST_SEEN_KEY] = time.time()


class SessionIdleTimeoutMiddleware:
    """Ends a signed-in session after SESSION_IDLE_SECONDS without a request.

    Without JavaScript the next page simply asks to sign in again and comes back afterwards;
    with it, the page warns before and offers to stay signed in (portal/js/session.js).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            if session_seconds_left(request, now=now) <= 0:
                logout(request)
                messages.info(
                    request,
                    _(
                        "For your security, you were signed out after %(minutes)d minutes without "
                        "activity. Please sign in again."
                    )
                    % {"minutes": settings.SESSION_IDLE_SECONDS // 60},
                )
                next_url = request.get_full_path() if request.method == "GET" else None
                if request.method == "POST" and _keeps_typed(request) and typed_stash(request):
                    messages.info(
                        request,
                        _("What you typed on the page is kept: it is shown again there."),
                    )
                    next_url = request.path
                return redirect_to_login(next_url or "", settings.LOGIN_URL)
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is None or now - last_seen > TOUCH_EVERY_SECONDS:
                session_touch(request)
        return self.get_response(request)


def two_step_required(request):
    """GCKey sign-ins (and every staff member) need a second factor; partner sign-ins do not."""
    if request.user.is_staff:
        return True
    methods = {record.get("method") for record in get_authentication_records(request, request.user)}
    return "password" in methods or not methods


def two_step_ready(request):
    if request.session.get(TWO_STEP_READY_KEY):
        return True
    ready = has_second_factor(request.user)
    if ready:
        request.session[TWO_STEP_READY_KEY] = True
    return ready


class AccountSetupMiddleware:
    """Sends a signed-in applicant to two-step verification set-up until it is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match and match.url_name in TWO_STEP_SETUP_PAGES:
            return None
        if two_step_required(request) and not two_step_ready(request):
            return redirect("mfa_activate_totp")
        return None


class SignedInNoStoreMiddleware:
    """Pages shown to a signed-in person carry their data: no browser or proxy keeps a copy
    (a shared computer's back button, a caching proxy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
