"""The provider's server-to-server API: JSON in, JSON out, authenticated by the merchant's key.

Every refusal is a JSON error ``{"error": {"type": ..., "message": ...}}`` with 400, 401, 404,
405 or 409, never an HTML page or a server error.
"""

import hmac
import json
from functools import wraps
from urllib.parse import urlsplit

from django.http import JsonResponse
from django.http.request import RawPostDataException
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from payment_stub import services
from payment_stub.models import Merchant
from payment_stub.objects import refund_object, session_object
from payment_stub.services import ProviderError

MAX_AMOUNT = 99_999_999  # $999,999.99, as the card networks allow at most
MAX_KEY_LENGTH = 255

MAX_URL_LENGTH = 2000
SESSION_FIELDS = {
    "amount",
    "currency",
    "client_reference_id",
    "description",
    "locale",
    "success_url",
    "cancel_url",
}


def error(status, type, message, **extra):
    response = JsonResponse({"error": {"type": type, "message": message, **extra}}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="payment-stub"'
    return response


def _authenticated(request):
    header = request.headers.get("Authorization", "")
    scheme, _space, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    digest = services.api_key_digest(key.strip())
    merchant = Merchant.objects.filter(api_key_digest=digest).first()
    if merchant is None or not hmac.compare_digest(merchant.api_key_digest, digest):
        return None
    return merchant


def endpoint(*methods):
    """An API view: the method checked, the merchant authenticated, every refusal JSON."""

    def decorate(view):
        @csrf_exempt
        @never_cache
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                response = error(
                    405, "method_not_allowed", f"Use {' or '.join(methods)} on this endpoint."
                )
                response["Allow"] = ", ".join(methods)
                return response
            merchant = _authenticated(request)
            if merchant is None:
                return error(
                    401,
                    "authentication_error",
                    "Give a valid API key: Authorization: Bearer <api key>.",
                )
            try:
                return view(request, merchant, *args, **kwargs)
            except ProviderError as problem:
                return error(problem.status, problem.type, problem.message, **problem.extra)

        return wrapper

    return decorate


def _refused(message, param=None, type="invalid_request_error"):
    return ProviderError(400, type, message, param=param)


def _idempotency_key(request):
    key = request.headers.get("Idempotency-Key", "")
    if not key.strip():
        raise _refused("An Idempotency-Key header is required.", type="idempotency_key_missing")
    if len(key) > MAX_KEY_LENGTH:
        raise _refused(
            f"The Idempotency-Key must be {MAX_KEY_LENGTH} characters or fewer.",
            type="idempotency_key_invalid",
        )
    return key


def _json_object(request):
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError, RawPostDataException):
        # RawPostDataException: a multipart form, already read as one; RecursionError: JSON
        # nested too deep for the parser.
        raise _refused("The body must be JSON (UTF-8).", type="invalid_json") from None
    if not isinstance(body, dict):
        raise _refused("The body must be a JSON object.", type="invalid_json")
    return body


def _text(body, name, max_length, *, required):
    value = body.get(name)
    if value is None:
        if required:
            raise _refused(f"Missing required parameter: {name}.", name)
        return None
    if not isinstance(value, str):
        raise _refused(f"{name} must be a string.", name)
    if required and not value.strip():
        raise _refused(f"{name} must not be empty.", name)
    if len(value) > max_length:
        raise _refused(f"{name} must be {max_length} characters or fewer.", name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _refused(f"{name} is not valid text.", name) from None
    if "\x00" in value:
        raise _refused(f"{name} is not valid text.", name)
    return value


def _url(body, name):
    value = _text(body, name, MAX_URL_LENGTH, required=True)
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(char.isspace() or ord(char) < 32 for char in value)
    ):
        raise _refused(f"{name} must be an absolute http or https URL.", name)
    return value


def _unknown(body, allowed):
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise _refused(f"Unknown parameter: {unknown[0]}.", unknown[0])


def session_params(body):
    """The checkout-session parameters of ``body``, checked; raises ProviderError."""
    _unknown(body, SESSION_FIELDS)
    amount = body.get("amount")
    if amount is None:
        raise _refused("Missing required parameter: amount.", "amount")
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise _refused("amount must be an integer number of cents.", "amount")
    if not 0 < amount <= MAX_AMOUNT:
        raise _refused(f"amount must be between 1 and {MAX_AMOUNT} cents.", "amount")
    currency = _text(body, "currency", 3, required=True)
    if currency.lower() != "cad":
        raise _refused("Only the currency cad is supported.", "currency")
    locale = _text(body, "locale", 2, required=False) or "en"
    if locale not in ("en", "fr"):
        raise _refused("locale must be en or fr.", "locale")
    return {
        "amount": amount,
        "currency": "cad",
        "client_reference_id": _text(body, "client_reference_id", 200, required=False) or "",
        "description": _text(body, "description", 500, required=True).strip(),
        "locale": locale,
        "success_url": _url(body, "success_url"),
        "cancel_url": _url(body, "cancel_url"),
    }


def _not_found(session_id):
    return ProviderError(404, "resource_missing", f"No such checkout session: {session_id[:80]}.")


@endpoint("POST")
def sessions(request, merchant):
    key = _idempotency_key(request)
    params = session_params(_json_object(request))
    session = services.checkout_session_create(
        merchant=merchant, idempotency_key=key, params=params
    )
    return JsonResponse(session_object(session))


@endpoint("GET")
def session(request, merchant, session_id):
    found = services.checkout_session_current(session_id, merchant=merchant)
    if found is None:
        raise _not_found(session_id)
    return JsonResponse(session_object(found))


@endpoint("POST")
def session_expire(request, merchant, session_id):
    found = services.checkout_session_expire(session_id, merchant=merchant)
    if found is None:
        raise _not_found(session_id)
    return JsonResponse(session_object(found))


@endpoint("POST")
def refunds(request, merchant):
    key = _idempotency_key(request)
    body = _json_object(request)
    _unknown(body, {"payment_intent"})
    payment_intent = _text(body, "payment_intent", 40, required=True)
    refund = services.refund_create(
        merchant=merchant, idempotency_key=key, payment_intent=payment_intent
    )
    return JsonResponse(refund_object(refund))
