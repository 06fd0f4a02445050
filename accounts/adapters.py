"""django-allauth customised for the portal: languages, redirects and two-step verification."""

import logging
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core import context as core_context  # send_mail's argument is named "context"
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation

from accounts import browsers, services
from accounts.models import SecurityEvent, User
from accounts.services import partner_username, security_event_record
from portal.guards import is_local_path
from portal.mail import email_queue

logger = logging.getLogger(__name__)

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user):
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


def language_for_email(email, *, default=None):
    """The preferred language of the account(s) using ``email``, else ``default``."""
    language = (
        User.objects.filter(email__iexact=email)
        .exclude(preferred_language="")
        .values_list("preferred_language", flat=True)
        .first()
    )
    return language or default or translation.get_language()


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Emails go out in the account's preferred language, whatever page sent them, and the
        # background worker delivers them: the page answers the same, and as fast, whether the
        # address is known or not and whether the mail server is up, slow or down.
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or language_for_email(email)
        request = core_context.request
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **context,
                },
            )
        email_queue(message)

    def post_login(self, request, user, **kwargs):
        # A sign-in from a browser this account has not used: recorded, and the owner is told
        # (except for the browser that registered the account a moment ago).
        response = super().post_login(request, user, **kwargs)
        if not browsers.browser_is_known(request, user):
            if not kwargs.get("signup"):
                services.new_browser_record(user=user, request=request)
            browsers.browser_remember(request, response, user)
        return response

    def is_safe_url(self, url):
        # `next` is followed only when it is a path on this site (portal/guards.py).
        return is_local_path(url) and super().is_safe_url(url)

    def get_login_redirect_url(self, request):
        # After sign-in, pages follow the preferred language (the toggle still works).
        language = request.user.preferred_language or translation.get_language()
        with translation.override(language):
            return resolve_url("account_home")

    def get_signup_redirect_url(self, request):
        if not request.user.has_usable_password():
            # Signed up through a Sign-In Partner: the profile comes next, no two-step set-up.
            return self.get_login_redirect_url(request)
        return reverse("mfa_activate_totp")

    def get_logout_redirect_url(self, request):
        return reverse("signin")

    def get_password_change_redirect_url(self, request):
        return reverse("security_settings")

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys the failure count by host too; behind several host names or servers
        # that would split one username's count. One count per username, wherever it came in.
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"login:{login}"

    def is_reauthentication_required(self, *, app, **kwargs):
        # Registering or signing in minutes ago is proof enough: two-step set-up follows
        # either at once, and asking for the password again there would only be in the way.
        request = context.request
        records = get_authentication_records(request, request.user)
        signed_in_at = max((r["at"] for r in records if r.get("method") == "password"), default=0)
        if time.time() - signed_in_at < account_settings.REAUTHENTICATION_TIMEOUT:
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        # Two-step verification is required: the last second factor cannot go.
        if authenticator.type not in SECOND_FACTORS:
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-In Partner: accounts made without asking for anything, failures recorded."""

    def is_auto_signup_allowed(self, request, sociallogin):
        return True

    def save_user(self, request, sociallogin, form=None):
        # Set here: allauth drops a username that fails the GCKey rules and makes up another.
        sociallogin.user.username = partner_username()
        return super().save_user(request, sociallogin, form=form)

    def get_connect_redirect_url(self, request, socialaccount):
        return reverse("security_settings")

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        logger.warning("Sign-In Partner sign-in failed: %s %r", error, exception)
        if request.user.is_authenticated:
            security_event_record(
                user=request.user, kind=SecurityEvent.Kind.PARTNER_FAILED, request=request
            )
