"""Rules that change accounts. Views call these; they never write models themselves."""

import re
import secrets
import time

from allauth.account.internal.flows.login import get_authentication_records
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import SecurityEvent, User
from portal.mail import email_send
from portal.observability import log_security_event

# "This wasn't me" links in security emails stay valid this long.
NOT_ME_SALT = "accounts.not-me"
NOT_ME_MAX_AGE = 7 * 24 * 60 * 60

_BROWSERS = [
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def coarse_user_agent(user_agent):
    """'Firefox on Windows': enough to recognise a device, too little to fingerprint it."""
    user_agent = user_agent or ""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "")
    system = next((name for token, name in _SYSTEMS if token in user_agent), "")
    if browser and system:
        return f"{browser} / {system}"
    return browser or system or ""


def partner_username():
    """A username for an account made by a Sign-In Partner sign-in. The underscore keeps it out
    of the GCKey usernames' alphabet, so an applicant can never choose it."""
    return f"partner_{secrets.token_hex(6)}"


def security_event_record(*, user, kind, request=None, detail="", user_agent=None):
    if user_agent is None:
        user_agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    log_security_event(kind=kind, user_id=user.pk, request=request)
    return SecurityEvent.objects.create(
        user=user,
        kind=kind,
        detail=detail[:100],
        user_agent=coarse_user_agent(user_agent)[:100],
    )


@transaction.atomic
def profile_update(*, user, request, data):
    """Save the profile fields of ``data`` (a ProfileForm's cleaned data) on ``user``.

    A changed recovery address is recorded, and the old address is told (in the account's
    language), so that an intruder cannot quietly take over password resets.
    """
    first_time = not user.has_complete_profile
    old_email = User.objects.filter(pk=user.pk).values_list("email", flat=True).first() or ""
    for field in ("given_names", "family_name", "date_of_birth", "email", "preferred_language"):
        setattr(user, field, data[field])
    if first_time:
        user.profile_completed_at = timezone.now()
    user.save()
    _sync_primary_email(user)
    if not first_time:
        security_event_record(user=user, kind=SecurityEvent.Kind.PROFILE_UPDATED, request=request)
    if old_email and old_email.lower() != user.email.lower():
        security_event_record(user=user, kind=SecurityEvent.Kind.EMAIL_CHANGED, request=request)
        email_send(
            to=[old_email],
            template_prefix="accounts/email/email_changed",
            context={"when": timezone.now()},
            language=user_language(user),
        )
    return user


def _sync_primary_email(user):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, primary=True).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    elif address.email.lower() != user.email.lower():
        address.email = user.email
        address.verified = False
        address.save(update_fields=["email", "verified"])


_EMAIL_OK = re.compile(r"^[^@\s]+@[^@\s]+$")


def username_reminder_send(*, email, request):
    """Queue an email of the usernames that use ``email`` as recovery address; nothing if none.

    The caller answers the same way either way, and the mail server is only spoken to by the
    background worker, so neither the answer nor its timing tells whether an account exists.
    """
    users = list(User.objects.filter(email__iexact=email, is_active=True).order_by("username"))
    if not users or not _EMAIL_OK.match(email):
        return 0
    language = next((u.preferred_language for u in users if u.preferred_language), None)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        sign_in_url = request.build_absolute_uri(reverse("account_login"))
    email_send(
        to=[users[0].email],
        template_prefix="accounts/email/username_reminder",
        context={"usernames": [user.username for user in users], "sign_in_url": sign_in_url},
        language=language,
    )
    return len(users)


PARTNER_FRESH_SECONDS = 5 * 60


def partner_signed_in_recently(*, request, user):
    """Whether this session signed in with a Sign-In Partner in the last 5 minutes: the partner-
    only accounts' proof of presence (they have no password to enter again)."""
    records = get_authentication_records(request, user) if user.is_authenticated else []
    at = max((r.get("at", 0) for r in records if r.get("method") == "socialaccount"), default=0)
    return time.time() - at < PARTNER_FRESH_SECONDS


def user_language(user):
    return user.preferred_language or settings.LANGUAGE_CODE


def not_me_token(*, user):
    return signing.dumps(user.pk, salt=NOT_ME_SALT)


def not_me_user(*, token):
    """The account a "This wasn't me" token was made for; None when forged or expired."""
    try:
        pk = signing.loads(token, salt=NOT_ME_SALT, max_age=NOT_ME_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def security_alert_send(*, user, template, user_agent, base_url):
    """Email ``user`` about a sign-in event, with a "This wasn't me" link, in their language.

    ``template`` is ``mfa_failed`` or ``new_browser`` (``accounts/email/<template>_*``).
    """
    if not user.email:
        return
    language = user_language(user)
    with translation.override(language):
        path = reverse("not_me", kwargs={"token": not_me_token(user=user)})
    email_send(
        to=[user.email],
        template_prefix=f"accounts/email/{template}",
        context={
            "device": coarse_user_agent(user_agent),
            "when": timezone.now(),
            "not_me_url": base_url.rstrip("/") + path,
        },
        language=language,
    )


@transaction.atomic
def new_browser_record(*, user, request):
    """A sign-in from a browser this account has not used before: record it and tell them."""
    security_event_record(user=user, kind=SecurityEvent.Kind.NEW_BROWSER, request=request)
    security_alert_send(
        user=user,
        template="new_browser",
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        base_url=request.build_absolute_uri("/"),
    )


@transaction.atomic
def mfa_failed_record(*, user, request, signing_in):
    """A wrong verification code. During a sign-in the password was right: tell the owner."""
    security_event_record(user=user, kind=SecurityEvent.Kind.MFA_FAILED, request=request)
    if signing_in:
        security_alert_send(
            user=user,
            template="mfa_failed",
            user_agent=request.META.get("HTTP_USER_AGENT", "") if request is not None else "",
            base_url=request.build_absolute_uri("/") if request is not None else "",
        )


@transaction.atomic
def sessions_end_all(*, user, request=None):
    """ "This wasn't me": every session of the account ends and the password must be chosen again.

    The password is replaced (by a random one, or a new unusable one for partner-only accounts):
    that changes the hash every Django session is checked against, so sessions allauth does not
    list end too; then allauth's list of sessions is emptied.
    """
    if user.has_usable_password():
        user.set_password(secrets.token_urlsafe(32))
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    for session in UserSession.objects.filter(user=user):
        session.end()
    security_event_record(user=user, kind=SecurityEvent.Kind.SESSIONS_ENDED, request=request)
    return user


@transaction.atomic
def gckey_add(*, user, username, password, request):
    """Give a Sign-In Partner account a GCKey username and password."""
    user.username = username
    user.set_password(password)
    user.save(update_fields=["username", "password"])
    update_session_auth_hash(request, user)  # this session stays signed in
    security_event_record(user=user, kind=SecurityEvent.Kind.GCKEY_ADDED, request=request)
    return user


@transaction.atomic
def gckey_remove(*, user, request):
    """Take the GCKey credential away from an account that keeps a Sign-In Partner."""
    if not user.socialaccount_set.exists():
        raise ValueError("The last way to sign in cannot be removed.")
    user.username = partner_username()
    user.set_unusable_password()
    user.save(update_fields=["username", "password"])
    update_session_auth_hash(request, user)
    security_event_record(user=user, kind=SecurityEvent.Kind.GCKEY_REMOVED, request=request)
    return user
