"""What the parity crawl visits: every named URL of the project, by role, with demo objects.

`tests/browser/test_crawl.py` walks it in Chromium; `tests/portal/test_crawl_list.py` keeps it in
step with the URL configuration, so a new URL without a crawl entry (or a reason not to crawl it)
fails the suite.
"""

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib import admin
from django.urls import URLResolver, get_resolver

ANONYMOUS, APPLICANT, NEW_GCKEY, TRIAGE, CASE_OFFICER, FINANCE, ADMIN = (
    "anonymous",
    "applicant",
    "new_gckey",
    "triage",
    "case_officer",
    "finance",
    "admin",
)
ROLES = [ANONYMOUS, APPLICANT, NEW_GCKEY, TRIAGE, CASE_OFFICER, FINANCE, ADMIN]
# Demo usernames behind each signed-in role (`manage.py seed_demo`); NEW_GCKEY is made by the crawl.
ROLE_USERNAMES = {
    APPLICANT: "demoapplicant",
    TRIAGE: "demotriage",
    CASE_OFFICER: "democaseofficer",
    FINANCE: "demofinance",
    ADMIN: "demoadmin",
}


@dataclass(frozen=True)
class Entry:
    name: str
    role: str
    kwargs: object = None  # callable(demo, language) -> dict
    status: int = 200
    extra: dict = field(default_factory=dict)


def url_names(resolver=None, namespace=""):
    """Every named URL of the project, namespaced names included (``admin:index``)."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            names += url_names(pattern, inner)
        elif pattern.name:
            names.append(namespace + pattern.name)
    return sorted(set(names))


def _application(demo, language):
    return {"number": demo.application.number}


def _message(demo, language):
    return {"number": demo.application.number, "pk": demo.message.pk}


def _help_topic(demo, language):
    return {"slug": getattr(demo.help_topic, f"slug_{language}")}


def _webauthn(demo, language):
    return {"pk": demo.webauthn.pk}


def _not_me(demo, language):
    return {"token": demo.not_me_token}


def _programme(demo, language):
    return {"programme": {"en": "visit", "fr": "visiter"}[language], "number": 1}


def _result(demo, language):
    return {"programme": {"en": "visit", "fr": "visiter"}[language]}


def _draft(demo, language):
    return {"draft_id": demo.draft.pk}


def _draft_step(demo, language):
    return {"draft_id": demo.draft.pk, "position": 1}


def _document_request(demo, language):
    return {"number": demo.document_request.application.number, "pk": demo.document_request.pk}


def _payment(demo, language):
    return {"payment_id": demo.payment.pk}


def _reset_key(demo, language):
    return {"uidb36": demo.reset_uidb36, "key": demo.reset_key}


# Pages, by the role that sees them. A page that redirects (for example a step that needs an
# earlier one) is checked where it lands.
PAGES = [
    # Public pages
    Entry("signin", ANONYMOUS),
    Entry("account_login", ANONYMOUS),
    Entry("account_signup", ANONYMOUS),
    Entry("account_reset_password", ANONYMOUS),
    Entry("account_reset_password_done", ANONYMOUS),
    Entry("account_reset_password_from_key", ANONYMOUS, _reset_key),
    Entry("account_reset_password_from_key_done", ANONYMOUS),
    Entry("account_inactive", ANONYMOUS),
    # The "This wasn't me" link of a security email: a confirmation page, anyone may open it.
    Entry("not_me", ANONYMOUS, _not_me),
    Entry("forgot_username", ANONYMOUS),
    Entry("forgot_username_sent", ANONYMOUS),
    Entry("partner_login", ANONYMOUS),
    Entry("socialaccount_login_cancelled", ANONYMOUS),
    # allauth answers a failed partner sign-in with 401, on our bilingual page.
    Entry("socialaccount_login_error", ANONYMOUS, status=401),
    Entry("support_request", ANONYMOUS),
    Entry("support_request_sent", ANONYMOUS),
    Entry("help_index", ANONYMOUS),
    Entry("help_how_to_sign_in", ANONYMOUS),
    Entry("help_topic", ANONYMOUS, _help_topic),
    Entry("search", ANONYMOUS, extra={"query": {"en": "q=password", "fr": "q=mot+de+passe"}}),
    Entry("eligibility_index", ANONYMOUS),
    Entry("eligibility_question", ANONYMOUS, _programme),
    # Without answers, the result page sends to the first question: checked where it lands.
    Entry("eligibility_result", ANONYMOUS, _result),
    # The secure account
    Entry("account_home", APPLICANT),
    Entry("profile", APPLICANT),
    Entry("security_settings", APPLICANT),
    Entry("security_activity", APPLICANT),
    Entry("usersessions_list", APPLICANT),
    Entry("application_link", APPLICANT),
    Entry("application_detail", APPLICANT, _application),
    Entry("message_detail", APPLICANT, _message),
    Entry("apply_start", APPLICANT),
    Entry("draft_step", APPLICANT, _draft_step),
    Entry("draft_documents", APPLICANT, _draft),
    Entry("draft_review", APPLICANT, _draft),
    Entry("draft_delete", APPLICANT, _draft),
    Entry("document_request", APPLICANT, _document_request),
    # The demo draft has no signed declaration: the pay page sends to the review, checked there.
    Entry("payment_pay", APPLICANT, _draft),
    # The demo payment is paid: its return and cancel pages send to its receipt.
    Entry("payment_return", APPLICANT, _payment),
    Entry("payment_cancelled", APPLICANT, _payment),
    Entry("payment_receipt", APPLICANT, _payment),
    Entry("account_logout", APPLICANT),
    Entry("account_change_password", APPLICANT),
    Entry("account_reauthenticate", APPLICANT),
    Entry("mfa_index", APPLICANT),
    Entry("mfa_reauthenticate", APPLICANT),
    Entry("mfa_deactivate_totp", APPLICANT),
    Entry("mfa_view_recovery_codes", APPLICANT),
    Entry("mfa_generate_recovery_codes", APPLICANT),
    Entry("mfa_list_webauthn", APPLICANT),
    Entry("mfa_add_webauthn", APPLICANT),
    Entry("mfa_edit_webauthn", APPLICANT, _webauthn),
    Entry("mfa_remove_webauthn", APPLICANT, _webauthn),
    Entry("mfa_reauthenticate_webauthn", APPLICANT),
    Entry("socialaccount_connections", APPLICANT),
    Entry("gckey_add", APPLICANT),
    Entry("account_set_password", APPLICANT),
    # A GCKey just registered: two-step verification is set up next.
    Entry("mfa_activate_totp", NEW_GCKEY),
]

# Named URLs that are not pages, or that only a journey reaches: each with its reason.
NOT_PAGES = {
    "root": "redirects to the sign-in page (tests/portal/test_pages.py)",
    "language_root": "/en/ and /fr/ redirect to the sign-in page (tests/portal/test_pages.py)",
    "healthz": "plain-text liveness check",
    "readyz": "JSON readiness check",
    "session_keepalive": "JSON endpoint of the idle-session warning (POST)",
    "report_problem": "the target of the report-a-problem form on every page (POST)",
    "openid_connect_login": "starts a Sign-In Partner sign-in: a redirect to the broker",
    "openid_connect_callback": "the broker's redirect back: needs a pending sign-in",
    "socialaccount_signup": "needs a pending Sign-In Partner sign-in "
    "(tests/browser/test_partner_journey.py scans it)",
    "mfa_authenticate": "needs a pending sign-in (tests/browser/test_gckey_journey.py scans it)",
    "mfa_download_recovery_codes": "a text file, not a page",
    "partner_stub_discovery": "the stub broker's JSON protocol endpoint",
    "partner_stub_authorize": "the stub broker's protocol endpoint (redirects)",
    "partner_stub_token": "the stub broker's JSON protocol endpoint",
    "partner_stub_userinfo": "the stub broker's JSON protocol endpoint",
    "partner_stub_jwks": "the stub broker's JSON protocol endpoint",
    "partner_stub_choose": "the stub bank's pages need a pending authorization "
    "(tests/browser/test_partner_journey.py scans them)",
    "partner_stub_sign_in": "the stub bank's pages need a pending authorization",
    "partner_stub_consent": "the stub bank's pages need a pending authorization",
    "payment_stub_sessions": "the stub provider's JSON protocol endpoint",
    "payment_stub_session": "the stub provider's JSON protocol endpoint",
    "payment_stub_session_expire": "the stub provider's JSON protocol endpoint",
    "payment_stub_refunds": "the stub provider's JSON protocol endpoint",
    "payment_stub_pay": "the stub provider's pages need a checkout session "
    "(tests/browser/test_payment_journey.py scans them)",
    "payment_stub_confirm": "the stub provider's pages need a checkout session",
    "gckey_remove": "POST only (a button on the security settings page)",
    "draft_document_file": "a file (tests/apply_online/test_documents.py)",
    "draft_document_delete": "POST only (a button on the documents page)",
    "submitted_document_file": "a file (tests/apply_online/test_submission.py)",
    "message_letter": "a file (tests/applications/test_letters.py)",
    "partner_remove": "POST only (a button on the security settings page)",
    "payment_webhook": "the payment provider's signed JSON webhook (POST)",
    "document_request_file": "a file (tests/document_requests/test_applicant.py)",
    "admin:document_requests_document": "a file (tests/document_requests/test_officers.py)",
    "admin:logout": "POST only",
    "admin:login": "staff sign in through allauth's pages (redirects)",
    "admin:jsi18n": "the admin's JavaScript catalogue",
    "admin:autocomplete": "JSON for the admin's autocomplete widgets",
    "admin:view_on_site": "redirects to the object's page",
    "admin:feedback_problemreport_export": "a CSV file (tests/feedback/test_triage_export_*)",
    "admin:feedback_supportrequest_export": "a CSV file (tests/feedback/test_triage_export_*)",
    "admin:feedback_supportrequest_attachment": "a file (test_triage_attachments)",
    "admin:apply_online_draft_document": "a file (tests/apply_online/test_submission.py)",
    "admin:applications_message_letter": "a file (tests/applications/test_letters.py)",
}

# The admin's own pages about one object, with the demo object they show.
ADMIN_OBJECT_PAGES = {
    "admin:applications_application_unlink": lambda demo: demo.application,
}
ADMIN_MODEL_URL = re.compile(r"^admin:(\w+?)_(\w+)_(changelist|add|change|delete|history)$")


def admin_entries(names, demo):
    """The admin's pages, crawled by the superuser: index, each app, each model's pages."""
    models = {
        (model._meta.app_label, model._meta.model_name): model for model in admin.site._registry
    }
    entries, missing = [], []
    for name in names:
        if not name.startswith("admin:") or name in NOT_PAGES:
            continue
        match = ADMIN_MODEL_URL.match(name)
        if name.endswith("_password_change") and name != "admin:password_change":
            entries.append(Entry(name, ADMIN, {"id": demo.users[ADMIN].pk}))
        elif name == "admin:app_list":
            for app_label in sorted({label for label, _model in models}):
                entries.append(Entry(name, ADMIN, {"app_label": app_label}))
        elif name in ADMIN_OBJECT_PAGES:
            shown = ADMIN_OBJECT_PAGES[name](demo) if hasattr(demo, "application") else None
            entries.append(Entry(name, ADMIN, {"object_id": getattr(shown, "pk", 0)}))
        elif match and not _admin_allows(models, name, match.group(3), demo):
            continue  # a read-only admin (no add or delete for anyone): the URL answers 403
        elif match and match.group(3) in ("change", "delete", "history"):
            model = _admin_model(models, name)
            obj = model._default_manager.order_by("pk").first() if model else None
            if obj is None:
                missing.append(name)
            else:
                entries.append(Entry(name, ADMIN, {"object_id": obj.pk}, extra=_model(model)))
        elif match:
            entries.append(Entry(name, ADMIN, {}, extra=_model(_admin_model(models, name))))
        else:
            entries.append(Entry(name, ADMIN, {}))
    return entries, missing


def _admin_allows(models, name, action, demo):
    from django.test import RequestFactory

    model = _admin_model(models, name)
    superuser = getattr(demo, "users", {}).get(ADMIN)
    if model is None or action not in ("add", "delete") or not hasattr(superuser, "is_active"):
        return True
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = admin.site._registry[model]
    if action == "add":
        return model_admin.has_add_permission(request)
    return model_admin.has_delete_permission(request)


def _model(model):
    return {"permission": f"{model._meta.app_label}.view_{model._meta.model_name}"}


def staff_entries(admin_pages, role, user):
    """What a staff member of a group sees of the admin: its index and the models it may view."""
    return [
        Entry(entry.name, role, entry.kwargs, extra=entry.extra)
        for entry in admin_pages
        if entry.name == "admin:index"
        or (
            "permission" in entry.extra
            and user.has_perm(entry.extra["permission"])
            and not entry.name.endswith(("_add", "_delete"))
        )
    ]


def _admin_model(models, name):
    for (app_label, model_name), model in models.items():
        if name.startswith(f"admin:{app_label}_{model_name}_"):
            return model
    return None


def crawl_plan(demo=None):
    """(entries, names with no entry and no reason, admin URLs with no object to show)."""
    names = url_names()
    demo = demo or SimpleNamespace(users={ADMIN: SimpleNamespace(pk=1)})
    listed = {entry.name for entry in PAGES} | set(NOT_PAGES)
    admin_pages, missing_objects = admin_entries(names, demo)
    listed |= {entry.name for entry in admin_pages} | set(missing_objects)
    unlisted = [name for name in names if name not in listed]
    staff = []
    for role in (TRIAGE, CASE_OFFICER, FINANCE):
        if role in getattr(demo, "users", {}):
            staff += staff_entries(admin_pages, role, demo.users[role])
    return PAGES + admin_pages + staff, unlisted, missing_objects
