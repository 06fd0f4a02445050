"""Settings for the portal, read from the environment.

Development defaults are safe; production values (SECRET_KEY above all) must come from the
environment. Every variable is documented in the README.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# --- Core -------------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    # Development only: a fixed, obviously unsafe key so sessions survive restarts.
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key")
else:
    # No default: production refuses to start without a real key.
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must precede the admin so its admin classes are patched in.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.forms",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "portal",
    "helpcentre",
    "accounts",
    "applications",
    "apply_online",
    "document_requests",
    "payments",
    "feedback",
]

MIDDLEWARE = [
    "portal.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.BodySizeLimitMiddleware",
    "portal.guards.NulInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.AccountSetupMiddleware",
    "accounts.middleware.SignedInNoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# Our forms render with the Canada.ca pattern (templates/django/forms/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.chrome",
                "accounts.context_processors.account",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's own pool (psycopg 3); one pool per worker process, see the README for sizing.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DB_POOL_MAX_SIZE", default=4),
        # A sync worker uses one connection at a time, so it only ever waits for one when the
        # database is unreachable: answer 503 soon rather than hold the worker.
        "timeout": env.float("DB_POOL_TIMEOUT", default=2),
        # psycopg's pool retries a failed connection with a doubling delay (1, 2, 4, 8 s ...),
        # so after a long outage its next try could come seconds after the database is back.
        # Giving up each series after 2 s lets the next request start a new one at once.
        "reconnect_timeout": env.float("DB_POOL_RECONNECT_TIMEOUT", default=2),
    }
    # The pool checks a connection before lending it: after a database restart it drops dead
    # connections instead of failing requests, so service comes back as soon as it is up.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Sessions live in the database, read through the shared cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # Shared by every app server: cache, rate limits and throttling counts. While Redis cannot
    # be reached, the same calls go to the database's cache table (portal/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.FallbackCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
            "OPTIONS": {
                "FALLBACK": "database",
                "RETRY_SECONDS": env.float("CACHE_RETRY_SECONDS", default=5.0),
                # A Redis that hangs must not hang the page: give up quickly, then fall back.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The database's cache table (created by a migration), shared by every app server: where the
# default cache goes while Redis is down.
CACHES["database"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "portal_cache",
    "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
# Per-process cache for what is cheap to rebuild and the same on every server: rendered template
# fragments (they depend only on the code and the catalogues) and, for a few seconds, the
# notices. No network round trip on the hot path.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "local",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="America/Toronto")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr")
# Staff write both languages; a missing French value is an editing error, not a fallback.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ()}

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Support-request attachments: outside the web root, no public URL, served to staff only.
    "feedback_attachments": {
        "BACKEND": env.str(
            "ATTACHMENTS_STORAGE", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json(
            "ATTACHMENTS_STORAGE_OPTIONS",
            default={
                "location": str(env.path("ATTACHMENTS_ROOT", default=VAR_DIR / "attachments"))
            },
        ),
    },
    # Applicants' documents: private like the attachments, served through a view that checks
    # who asks. Any django-storages backend fits (an S3 bucket without public access, say).
    "application_documents": {
        "BACKEND": env.str(
            "DOCUMENTS_STORAGE", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json(
            "DOCUMENTS_STORAGE_OPTIONS",
            default={"location": str(env.path("DOCUMENTS_ROOT", default=VAR_DIR / "documents"))},
        ),
    },
}

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="IRCC secure account <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (django-tasks) ------------------------------------------------------------
# Production queues tasks in the database for `manage.py db_worker` processes (any number);
# development runs them at once, in the request.
TASK_BACKEND = env.str("TASK_BACKEND", default="immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASK_BACKEND]
    }
}

# --- Security ---------------------------------------------------------------------------------
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    # Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO.
    _proxy_header = env.str("SECURE_PROXY_SSL_HEADER", default="")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    if SESSION_COOKIE_SECURE:
        # The __Secure- prefix makes browsers refuse the cookie over plain HTTP.
        SESSION_COOKIE_NAME = "__Secure-sessionid"
        CSRF_COOKIE_NAME = "__Secure-csrftoken"
        LANGUAGE_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# GCKey's rules, each with its own message, then Django's list of common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.validators.GCKeyPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Sign-in (django-allauth) -----------------------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_home"
ACCOUNT_LOGOUT_REDIRECT_URL = "signin"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm", "login": "accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
# Our validators give the length rule its own message (accounts/validators.py).
ACCOUNT_USERNAME_MIN_LENGTH = 1
ACCOUNT_USERNAME_VALIDATORS = "accounts.validators.username_validators"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# A recovery address may serve several accounts (a family); it is not a sign-in name.
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
# Confirming your identity: the password, or a second factor. No emailed code: the portal
# mounts no page for it, and a mailbox is not proof of who holds the account.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Counted in the default cache: with REDIS_URL, across every process and server.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "forgot_username": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_FORMS = {
    "add_webauthn": "accounts.forms.AddWebAuthnForm",
    "edit_webauthn": "accounts.forms.EditWebAuthnForm",
}
MFA_TOTP_ISSUER = "IRCC secure account"
# Accept the codes of the neighbouring 30-second windows: phone clocks drift (RFC 6238, 5.2).
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
# allauth refuses MFA while an email is unverified so that an email's owner cannot be locked out
# of an account; here the username is the identity and the email only a recovery address.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Local development serves over plain HTTP; passkeys need a secure origin otherwise.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

USERSESSIONS_TRACK_ACTIVITY = False

# Idle sessions end after 20 minutes; the page warns 2 minutes before (accounts/middleware.py).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=20 * 60)
SESSION_WARNING_SECONDS = 2 * 60
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Sign-In Partner (OpenID Connect) ---------------------------------------------------------
# The portal is a client of the partner broker. In development the broker is the stub in this
# same process (partner_stub), reached by the browser and the server under one name.
PARTNER_STUB_ENABLED = env.bool("PARTNER_STUB_ENABLED", default=DEBUG)
if PARTNER_STUB_ENABLED:
    INSTALLED_APPS.append("partner_stub")
PARTNER_OIDC_PROVIDER_ID = "partner"
_stub_url = f"http://127.0.0.1:{env.int('PORT', default=8000)}/partner-stub"
PARTNER_OIDC_SERVER_URL = env.str(
    "PARTNER_OIDC_SERVER_URL", default=_stub_url if PARTNER_STUB_ENABLED else ""
)
PARTNER_OIDC_CLIENT_ID = env.str(
    "PARTNER_OIDC_CLIENT_ID", default="ircc-portal-dev" if PARTNER_STUB_ENABLED else ""
)
PARTNER_OIDC_SECRET = env.str(
    "PARTNER_OIDC_SECRET",
    default="development-only-partner-secret" if PARTNER_STUB_ENABLED else "",
)
if PARTNER_OIDC_SERVER_URL:
    # The hand-off form is answered by a redirect to the broker, and form-action covers redirects.
    _broker = urlsplit(PARTNER_OIDC_SERVER_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_broker.scheme}://{_broker.netloc}"
    )
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        # allauth's provider, extended to send and check a nonce and verify id_token signatures.
        "provider_class": "accounts.partner.provider.PartnerProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": PARTNER_OIDC_PROVIDER_ID,
                "name": "Sign-In Partner",
                "client_id": PARTNER_OIDC_CLIENT_ID,
                "secret": PARTNER_OIDC_SECRET,
                "settings": {
                    "server_url": PARTNER_OIDC_SERVER_URL,
                    "oauth_pkce_enabled": True,
                    "scope": ["openid"],
                    "token_auth_method": "client_secret_post",
                },
            }
        ]
        if PARTNER_OIDC_SERVER_URL
        else [],
    }
}
# The broker sends a pairwise identifier only: accounts are created without asking for more,
# and the secure-account profile step collects the rest.
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_QUERY_EMAIL = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("PARTNER_OIDC_TIMEOUT", default=5)

# --- Fees (the payment provider) -------------------------------------------------------------
# The portal is a merchant of a hosted-checkout provider (payments/): it creates checkout
# sessions server to server and marks a fee paid only from a signed webhook or a status query.
# In development the provider is the stub in this same process (payment_stub), configured by
# the seed with the key and secret below.
PAYMENT_STUB_ENABLED = env.bool("PAYMENT_STUB_ENABLED", default=DEBUG)
if PAYMENT_STUB_ENABLED:
    INSTALLED_APPS.append("payment_stub")
_payment_stub_url = f"http://127.0.0.1:{env.int('PORT', default=8000)}/payment-stub"
PAYMENT_PROVIDER_URL = env.str(
    "PAYMENT_PROVIDER_URL", default=_payment_stub_url if PAYMENT_STUB_ENABLED else ""
).rstrip("/")
PAYMENT_API_KEY = env.str(
    "PAYMENT_API_KEY", default="development-only-payment-key" if PAYMENT_STUB_ENABLED else ""
)
PAYMENT_WEBHOOK_SECRET = env.str(
    "PAYMENT_WEBHOOK_SECRET",
    default="development-only-webhook-secret" if PAYMENT_STUB_ENABLED else "",
)
# Seconds the portal waits for the provider when creating a checkout, querying or refunding.
PAYMENT_PROVIDER_TIMEOUT = env.float("PAYMENT_PROVIDER_TIMEOUT", default=3.0)
# A signed webhook older (or newer) than this is refused: a replay of a captured delivery.
PAYMENT_WEBHOOK_TOLERANCE = 300
if PAYMENT_PROVIDER_URL:
    # The checkout button's form posts to the portal, which redirects to the provider's page.
    _provider = urlsplit(PAYMENT_PROVIDER_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_provider.scheme}://{_provider.netloc}"
    )

# --- Logging ----------------------------------------------------------------------------------
# One JSON object per line on standard output, for the platform's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.observability.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # The access log below replaces Django's own request lines.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "portal.access": {"level": env.str("ACCESS_LOG_LEVEL", default="INFO")},
        "pikepdf": {"level": "WARNING"},
    },
}

# --- Portal -----------------------------------------------------------------------------------
# The date shown as "Date modified" on pages whose content lives in templates.
PORTAL_CONTENT_DATE = "2026-11-26"
# The admin's address; change it in production to keep it off scanners' lists.
ADMIN_URL = env.str("ADMIN_URL", default="admin/")
# A demonstration of the production settings on this machine (`make serve`, the benches): plain
# HTTP on a loopback address and the demonstration bank are then allowed (portal/checks.py).
LOOPBACK_DEMO = env.bool("LOOPBACK_DEMO", default=False)
# The portal's public address, for links in emails sent outside a request (background tasks).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Bodies larger than this are refused before they are read (the 413 page): a 4 MB file and
# its form fit well under it.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=5 * 1024 * 1024)
# Per address and hour: beyond these, reports are thanked and dropped, requests refused.
FEEDBACK_REPORT_LIMIT = env.int("FEEDBACK_REPORT_LIMIT", default=20)
FEEDBACK_SUPPORT_REQUEST_LIMIT = env.int("FEEDBACK_SUPPORT_REQUEST_LIMIT", default=5)
