"""The secure account's pages, with translated slugs.

allauth's own URL patterns have English paths only, so each page applicants see is declared
here under a translated path with allauth's URL name, and allauth's list is not mounted: a page
the portal does not declare answers 404.
"""

from allauth.account import views as account_views
from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from allauth.socialaccount import views as social_views
from allauth.usersessions import views as usersessions_views
from django.conf import settings
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from accounts import views
from accounts.partner.views import partner_login

allauth_translated = [
    path(_("account/sign-in/"), account_views.login, name="account_login"),
    path(_("account/sign-out/"), account_views.logout, name="account_logout"),
    path(_("account/register/"), account_views.signup, name="account_signup"),
    path(
        _("account/confirm-identity/"), account_views.reauthenticate, name="account_reauthenticate"
    ),
    path(
        _("account/password/change/"), account_views.password_change, name="account_change_password"
    ),
    path(
        _("account/password/forgot/"), account_views.password_reset, name="account_reset_password"
    ),
    path(
        _("account/password/forgot/sent/"),
        account_views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        _(r"^account/password/reset/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"),
        account_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        _("account/password/reset/done/"),
        account_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path(_("account/two-step/"), mfa_views.index, name="mfa_index"),
    path(_("account/two-step/verify/"), mfa_views.authenticate, name="mfa_authenticate"),
    path(
        _("account/two-step/confirm-identity/"), mfa_views.reauthenticate, name="mfa_reauthenticate"
    ),
    path(
        _("account/two-step/security-keys/confirm-identity/"),
        webauthn_views.reauthenticate_webauthn,
        name="mfa_reauthenticate_webauthn",
    ),
    path(_("account/two-step/app/set-up/"), totp_views.activate_totp, name="mfa_activate_totp"),
    path(_("account/two-step/app/remove/"), totp_views.deactivate_totp, name="mfa_deactivate_totp"),
    path(
        _("account/two-step/recovery-codes/"),
        recovery_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path(
        _("account/two-step/recovery-codes/new/"),
        recovery_views.generate_recovery_codes,
        name="mfa_generate_recovery_codes",
    ),
    path(
        _("account/two-step/recovery-codes/download/"),
        recovery_views.download_recovery_codes,
        name="mfa_download_recovery_codes",
    ),
    path(
        _("account/two-step/security-keys/"), webauthn_views.list_webauthn, name="mfa_list_webauthn"
    ),
    path(
        _("account/two-step/security-keys/add/"),
        webauthn_views.add_webauthn,
        name="mfa_add_webauthn",
    ),
    path(
        _("account/two-step/security-keys/<int:pk>/remove/"),
        webauthn_views.remove_webauthn,
        name="mfa_remove_webauthn",
    ),
    path(
        _("account/two-step/security-keys/<int:pk>/rename/"),
        webauthn_views.edit_webauthn,
        name="mfa_edit_webauthn",
    ),
    path(_("account/sessions/"), usersessions_views.list_usersessions, name="usersessions_list"),
    path(_("account/inactive/"), account_views.account_inactive, name="account_inactive"),
    # A partner-only account that wants a password adds a GCKey: username rules, two-step
    # verification and a security event come with it.
    path(
        _("account/password/set/"),
        RedirectView.as_view(pattern_name="gckey_add"),
        name="account_set_password",
    ),
    path(
        _("account/partner/cancelled/"),
        social_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path(_("account/partner/problem/"), social_views.login_error, name="socialaccount_login_error"),
    path(_("account/partner/account/"), social_views.signup, name="socialaccount_signup"),
    # allauth's list of connected accounts: ours is part of the security settings.
    path(
        _("account/partner/connections/"),
        RedirectView.as_view(pattern_name="security_settings"),
        name="socialaccount_connections",
    ),
]

urlpatterns = [
    # Only the pages declared here are mounted: allauth's own URL list (English paths, pages
    # the portal does not offer) is not included. The Sign-In Partner's start and return.
    path(_("account/"), include("accounts.partner.urls")),
    *allauth_translated,
    path(_("account/"), views.account_home, name="account_home"),
    path(_("account/profile/"), views.profile, name="profile"),
    path(_("account/security/"), views.security_settings, name="security_settings"),
    path(_("account/security/activity/"), views.security_activity, name="security_activity"),
    path(_("account/username/forgot/"), views.forgot_username, name="forgot_username"),
    path(
        _("account/username/forgot/sent/"), views.forgot_username_sent, name="forgot_username_sent"
    ),
    path(_("account/session/keep-alive/"), views.session_keepalive, name="session_keepalive"),
    path(_("account/security/gckey/add/"), views.gckey_add, name="gckey_add"),
    path(_("account/security/gckey/remove/"), views.gckey_remove, name="gckey_remove"),
    path(_("account/security/partner/remove/"), views.partner_remove, name="partner_remove"),
]

# "This wasn't me" links of security emails (accounts/services.py: security_alert_send).
urlpatterns += [
    path(_("account/security/not-me/<str:token>/"), views.not_me, name="not_me"),
]

if settings.PARTNER_OIDC_SERVER_URL:
    # Option 2 of the sign-in page (templates/portal/signin.html shows it when this resolves).
    urlpatterns.append(path(_("sign-in/partner/"), partner_login, name="partner_login"))
