"""Security activity, recorded from the signals of Django and allauth."""

from allauth.account import signals as account_signals
from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from allauth.socialaccount import signals as social_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from accounts.models import SecurityEvent, User
from accounts.services import mfa_failed_record, security_event_record

Kind = SecurityEvent.Kind


@receiver(auth_signals.user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    records = get_authentication_records(request, user) if request is not None else []
    by_partner = bool(records) and records[-1].get("method") == "socialaccount"
    kind = Kind.SIGNED_IN_PARTNER if by_partner else Kind.SIGNED_IN
    security_event_record(user=user, kind=kind, request=request)


@receiver(account_signals.user_signed_up)
def _signed_up(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is not None:
        return  # a Sign-In Partner sign-up: allauth records that method itself
    # Registering proves the password as a sign-in does: allauth's session records say so, so
    # that two-step set-up follows without asking for the password again.
    record_authentication(request, user, method="password", username=user.username)


@receiver(auth_signals.user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(user=user, kind=Kind.SIGNED_OUT, request=request)


@receiver(auth_signals.user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    user = User.objects.filter(username__iexact=username).first()
    if user is not None:
        security_event_record(user=user, kind=Kind.SIGN_IN_FAILED, request=request)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def _password_changed(sender, request, user, **kwargs):
    security_event_record(user=user, kind=Kind.PASSWORD_CHANGED, request=request)


@receiver(account_signals.password_reset)
def _password_reset(sender, request, user, **kwargs):
    security_event_record(user=user, kind=Kind.PASSWORD_RESET, request=request)


def _authenticator_kind(authenticator, added):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return Kind.RECOVERY_CODES if added else None
    return Kind.MFA_ADDED if added else Kind.MFA_REMOVED


@receiver(mfa_signals.authenticator_added)
def _authenticator_added(sender, request, user, authenticator, **kwargs):
    kind = _authenticator_kind(authenticator, added=True)
    security_event_record(
        user=user, kind=kind, request=request, detail=authenticator.get_type_display()
    )


@receiver(mfa_signals.authenticator_removed)
def _authenticator_removed(sender, request, user, authenticator, **kwargs):
    kind = _authenticator_kind(authenticator, added=False)
    if kind:
        security_event_record(
            user=user, kind=kind, request=request, detail=authenticator.get_type_display()
        )


@receiver(mfa_signals.authenticator_reset)
def _authenticator_reset(sender, request, user, authenticator, **kwargs):
    security_event_record(user=user, kind=Kind.RECOVERY_CODES, request=request)


@receiver(social_signals.social_account_added)
def _partner_added(sender, request, sociallogin, **kwargs):
    security_event_record(user=sociallogin.user, kind=Kind.PARTNER_ADDED, request=request)


@receiver(social_signals.social_account_removed)
def _partner_removed(sender, request, socialaccount, **kwargs):
    security_event_record(user=socialaccount.user, kind=Kind.PARTNER_REMOVED, request=request)


@receiver(mfa_signals.authentication_failed)
def _authenticator_code_failed(sender, request, user, reauthentication=False, **kwargs):
    # Outside re-authentication, a code is only asked once the password was right: the owner
    # hears of it, with a "This wasn't me" link.
    mfa_failed_record(user=user, request=request, signing_in=not reauthentication)
