"""django-allauth customised for the portal: languages, redirects and two-step verification."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation

from accounts.models import User

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
        # Emails go out in the account's preferred language, whatever page sent them.
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or language_for_email(email)
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        # After sign-in, pages follow the preferred language (the toggle still works).
        language = request.user.preferred_language or translation.get_language()
        with translation.override(language):
            return resolve_url("account_home")

    def get_signup_redirect_url(self, request):
        return reverse("mfa_activate_totp")

    def get_logout_redirect_url(self, request):
        return reverse("signin")

    def get_password_change_redirect_url(self, request):
        return reverse("security_settings")

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
