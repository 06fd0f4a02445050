from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.middleware import session_seconds_left

# Titles of allauth's pages, by URL name: the layout shows them as <title>, breadcrumb and <h1>.
ALLAUTH_PAGE_TITLES = {
    "account_login": _("Sign in with GCKey"),
    "account_logout": _("Sign out"),
    "account_signup": _("Register for a GCKey"),
    "account_reauthenticate": _("Confirm your identity"),
    "account_change_password": _("Change your password"),
    "account_set_password": _("Set a password"),
    "account_reset_password": _("Forgot your GCKey password?"),
    "account_reset_password_done": _("Check your email"),
    "account_reset_password_from_key": _("Choose a new password"),
    "account_reset_password_from_key_done": _("Your password has been changed"),
    "account_inactive": _("Account inactive"),
    "account_email": _("Email addresses"),
    "mfa_index": _("Two-step verification"),
    "mfa_authenticate": _("Two-step verification"),
    "mfa_reauthenticate": _("Confirm your identity"),
    "mfa_activate_totp": _("Set up two-step verification"),
    "mfa_deactivate_totp": _("Remove the authenticator app"),
    "mfa_view_recovery_codes": _("Recovery codes"),
    "mfa_generate_recovery_codes": _("Create new recovery codes"),
    "mfa_list_webauthn": _("Security keys and passkeys"),
    "mfa_add_webauthn": _("Add a security key or passkey"),
    "mfa_remove_webauthn": _("Remove a security key or passkey"),
    "mfa_edit_webauthn": _("Rename a security key or passkey"),
    "mfa_reauthenticate_webauthn": _("Confirm your identity"),
    "usersessions_list": _("Your sessions"),
    "partner_login": _("Sign in with a Sign-In Partner"),
    "openid_connect_login": _("Sign in with a Sign-In Partner"),
    "openid_connect_callback": _("We could not sign you in with a Sign-In Partner"),
    "socialaccount_login_cancelled": _("Sign-in with a Sign-In Partner cancelled"),
    "socialaccount_login_error": _("We could not sign you in with a Sign-In Partner"),
    "socialaccount_signup": _("Sign-In Partner"),
}


def account(request):
    # Error pages read nothing of the user or the session: the 500 page must render with the
    # database down.
    if getattr(request, "portal_error_page", False):
        return {}
    context = {}
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in ALLAUTH_PAGE_TITLES:
        context["page_title"] = ALLAUTH_PAGE_TITLES[match.url_name]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["signed_in"] = True
        context["session_idle_seconds"] = session_seconds_left(request)
        context["session_warning_seconds"] = settings.SESSION_WARNING_SECONDS
    return context
