"""Rules that change accounts. Views call these; they never write models themselves."""

import re

from django.contrib.auth import update_session_auth_hash
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import SecurityEvent, User
from portal.observability import log_security_event

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
    """Save the profile fields of ``data`` (a ProfileForm's cleaned data) on ``user``."""
    first_time = not user.has_complete_profile
    for field in ("given_names", "family_name", "date_of_birth", "email", "preferred_language"):
        setattr(user, field, data[field])
    if first_time:
        user.profile_completed_at = timezone.now()
    user.save()
    _sync_primary_email(user)
    if not first_time:
        security_event_record(user=user, kind=SecurityEvent.Kind.PROFILE_UPDATED, request=request)
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
    """Email the usernames that use ``email`` as recovery address; nothing if there are none.

    The caller answers the same way either way, so nobody learns whether an account exists.
    """
    users = list(User.objects.filter(email__iexact=email, is_active=True).order_by("username"))
    if not users or not _EMAIL_OK.match(email):
        return 0
    language = next((u.preferred_language for u in users if u.preferred_language), None)
    with translation.override(language or translation.get_language()):
        context = {
            "usernames": [user.username for user in users],
            "sign_in_url": request.build_absolute_uri(reverse("account_login")),
        }
        subject = render_to_string("accounts/email/username_reminder_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("accounts/email/username_reminder_message.txt", context),
            to=[users[0].email],
        )
        message.attach_alternative(
            render_to_string("accounts/email/username_reminder_message.html", context),
            "text/html",
        )
        message.send()
    return len(users)


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
    from accounts.adapters import partner_username

    if not user.socialaccount_set.exists():
        raise ValueError("The last way to sign in cannot be removed.")
    user.username = partner_username()
    user.set_unusable_password()
    user.save(update_fields=["username", "password"])
    update_session_auth_hash(request, user)
    security_event_record(user=user, kind=SecurityEvent.Kind.GCKEY_REMOVED, request=request)
    return user
