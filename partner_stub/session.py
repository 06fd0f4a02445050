"""The broker's own browser session: a signed cookie of its own, never the portal's session.

It holds the authorization request in progress, the bank chosen and the customer signed in, for
one round trip only: each sign-in through the broker asks the bank's credentials again.
"""

from django.conf import settings
from django.core import signing

COOKIE = "partner_stub"
SALT = "partner_stub.session"
MAX_AGE = 15 * 60


def load(request):
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        return signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None


def save(response, data):
    response.set_cookie(
        COOKIE,
        signing.dumps(data, salt=SALT, compress=True),
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
    )
    return response


def clear(response):
    response.delete_cookie(COOKIE, samesite="Lax")
    return response
