"""Request ids and one JSON log line per request, without personal data or secrets."""

import json
import logging
import re
import time
import uuid
from functools import wraps

from django.utils import timezone

access_log = logging.getLogger("portal.access")
security_log = logging.getLogger("portal.security")

# A request id from the load balancer is kept if it looks like one; anything else is replaced.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JSONFormatter(logging.Formatter):
    """Each record as one JSON object: the message's fields, plus time and level."""

    def format(self, record):
        payload = {"time": timezone.now().isoformat(), "level": record.levelname}
        fields = getattr(record, "fields", None)
        if fields:
            payload.update(fields)
        else:
            payload["message"] = record.getMessage()
            payload["logger"] = record.name
        if record.exc_info:
            payload["exception"] = record.exc_info[0].__name__
        return json.dumps(payload, ensure_ascii=False)


def anonymous_log(view):
    """A view whose access log line names no user (problem reports stay anonymous)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.log_anonymously = True
        return view(request, *args, **kwargs)

    return wrapper


def _user_id(request):
    # Only when the user was already loaded: logging must not query (the database may be down).
    if getattr(request, "log_anonymously", False):
        return None
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", None)
    if wrapped is None or not getattr(wrapped, "is_authenticated", False):
        return None
    return wrapped.pk


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        access_log.info(
            "request",
            extra={
                "fields": {
                    "event": "request",
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "request_id": request.id,
                    "user_id": _user_id(request),
                }
            },
        )
        return response


def log_security_event(*, kind, user_id, request=None):
    security_log.info(
        "security",
        extra={
            "fields": {
                "event": "security",
                "kind": kind,
                "user_id": user_id,
                "request_id": getattr(request, "id", None),
            }
        },
    )
