"""Browsers an account has signed in from, remembered in a signed, long-lived cookie.

No table: each browser carries the (keyed, truncated) tags of the accounts that signed in from it.
A tag is an HMAC of the account's id, so the cookie names nobody, and the signature keeps anyone
from writing a tag for an account they have not signed in to from this browser.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

SALT = "accounts.browsers"
MAX_AGE = 400 * 24 * 60 * 60  # the longest browsers keep a cookie
KEPT = 20  # tags per browser (a shared family computer), oldest forgotten first


def cookie_name():
    prefix = "__Secure-" if getattr(settings, "SESSION_COOKIE_SECURE", False) else ""
    return f"{prefix}portal_browser"


def _tag(user):
    return salted_hmac(SALT, str(user.pk)).hexdigest()[:20]


def _tags(request):
    try:
        tags = signing.loads(request.COOKIES.get(cookie_name(), ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return []
    return [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []


def browser_is_known(request, user):
    return _tag(user) in _tags(request)


def browser_remember(request, response, user):
    tag = _tag(user)
    tags = [each for each in _tags(request) if each != tag] + [tag]
    response.set_cookie(
        cookie_name(),
        signing.dumps(tags[-KEPT:], salt=SALT),
        max_age=MAX_AGE,
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )
