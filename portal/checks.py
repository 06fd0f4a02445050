"""Production fails closed: what must be true before the portal serves anyone.

Each rule is a Django system check (tagged "deploy", so `manage.py check --deploy` names every
one that fails) and the web process refuses to start while any fails (portal/wsgi.py, asgi.py):
a mistaken environment stops at deploy time instead of serving on SQLite, without a shared
throttle, with a guessable admin or with the demonstration bank.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def production_problems(config=settings):
    """(check id, one-line problem) for each production rule broken; empty with DEBUG on."""
    if config.DEBUG:
        return []
    problems = []
    engine = config.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        problems.append(("portal.E001", "DATABASE_URL must point at PostgreSQL"))
    if not getattr(config, "REDIS_URL", ""):
        problems.append(("portal.E002", "REDIS_URL must be set (throttles shared by every server)"))
    base = urlsplit(config.PORTAL_BASE_URL)
    loopback_demo = getattr(config, "LOOPBACK_DEMO", False)
    if base.scheme != "https" and not (loopback_demo and base.hostname in LOOPBACK):
        problems.append(("portal.E003", "PORTAL_BASE_URL must be an https:// address"))
    if config.ADMIN_URL.strip("/") in ("admin", ""):
        problems.append(("portal.E004", "ADMIN_URL must be changed from admin/"))
    if config.PARTNER_STUB_ENABLED and not loopback_demo:
        problems.append(
            ("portal.E005", "PARTNER_STUB_ENABLED must be off (the demonstration bank)")
        )
    if config.PAYMENT_STUB_ENABLED and not loopback_demo:
        problems.append(
            ("portal.E006", "PAYMENT_STUB_ENABLED must be off (the demonstration payments)")
        )
    if not config.PAYMENT_STUB_ENABLED and not (
        config.PAYMENT_PROVIDER_URL and config.PAYMENT_API_KEY and config.PAYMENT_WEBHOOK_SECRET
    ):
        problems.append(
            (
                "portal.E007",
                "PAYMENT_PROVIDER_URL, PAYMENT_API_KEY and PAYMENT_WEBHOOK_SECRET must be set",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def production_settings_check(app_configs, **kwargs):
    return [
        Error(message, hint="See the README's production checklist.", id=check_id)
        for check_id, message in production_problems()
    ]


def refuse_to_start_if_unsafe():
    """Called by the web entry points: one clear line, then the process ends."""
    problems = production_problems()
    if problems:
        raise SystemExit(
            "Refusing to start with production settings: "
            + "; ".join(f"{message} ({check_id})" for check_id, message in problems)
            + "."
        )
