from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from feedback.forms import ReportForm, SupportRequestForm
from feedback.services import Duplicate, report_create, support_request_create
from portal import throttle
from portal.observability import anonymous_log
from portal.views import csrf_failure, error_page

SESSION_KEY = "feedback:support-request"


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def _page_language(path):
    prefix = path[1:3]
    languages = dict(settings.LANGUAGES)
    return prefix if prefix in languages and path[3:4] in ("/", "") else get_language()


def _back_to(path, state):
    return redirect(f"{path}?feedback={state}#report-problem")


def _same_origin(request):
    """True if the browser says the post comes from one of this site's pages.

    Browsers send Origin with every POST (Referer where an old one does not); a page elsewhere
    cannot forge either.
    """
    good = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin in good
    referer = urlsplit(request.headers.get("Referer", ""))
    return f"{referer.scheme}://{referer.netloc}" in good


# No CSRF token: the form is on every page, and a token is a new secret and cookie for every
# first visit, which the sign-in page's throughput cannot afford. Nothing here needs one: the
# report is anonymous and changes no one's data, so a forged post can do nothing a direct post
# cannot. Cross-site posts are still refused (Origin/Referer, as Django's CSRF check does first);
# the honeypot and the per-address limit are what stop floods.
@csrf_exempt
@require_POST
@anonymous_log
def report_problem(request):
    """The "Report a problem" form of every page: store, then thank on the same page.

    Without JavaScript the answer is a redirect back to the page, which shows the thanks (or the
    form again, open, with its error); the page's script asks for JSON instead.
    """
    if not _same_origin(request):
        return csrf_failure(request)
    form = ReportForm(request.POST)
    if not form.is_valid():
        errors = form.errors.as_data()
        only_none_checked = list(errors) == ["categories"] and all(
            error.code == "required" for error in errors["categories"]
        )
        if only_none_checked:
            if _wants_json(request):
                return JsonResponse({"status": "invalid", "message": _("Select at least one box.")})
            return _back_to(form.cleaned_data["path"], "missing")
        if "path" in errors:
            detail = _("This report was not sent: the page it came from is not part of this site.")
        else:
            detail = _("This report could not be read. Go back, reload the page and try again.")
        if _wants_json(request):
            return JsonResponse({"status": "refused", "message": detail}, status=400)
        return error_page(request, 400, detail=detail)

    path = form.cleaned_data["path"]
    # Bots (the honeypot) and floods are thanked like everyone else; nothing more is stored.
    if not form.is_bot() and throttle.allow(
        request, scope="report", limit=settings.FEEDBACK_REPORT_LIMIT, period=3600
    ):
        report_create(
            path=path,
            title=form.cleaned_data["title"],
            language=_page_language(path),
            categories=form.cleaned_data["categories"],
        )
    if _wants_json(request):
        return JsonResponse({"status": "thanks"})
    return _back_to(path, "thanks")


@require_http_methods(["GET", "HEAD", "POST"])
def support_request(request):
    """The technical-difficulties web form."""
    form = SupportRequestForm()
    refused = None
    if request.method == "POST":
        form = SupportRequestForm(request.POST, request.FILES)
        if form.is_valid():
            if form.is_bot():
                return redirect("support_request_sent")
            if throttle.allow(
                request,
                scope="support",
                limit=settings.FEEDBACK_SUPPORT_REQUEST_LIMIT,
                period=3600,
            ):
                return _create_support_request(request, form)
            refused = _(
                "You have sent several requests in a short time. Please wait an hour before "
                "you send another one."
            )
    return render(
        request,
        "feedback/support_request.html",
        {
            "page_title": gettext_lazy("Technical difficulties: web form"),
            "form": form,
            "refused": refused,
        },
        status=429 if refused else 200,
    )


def _create_support_request(request, form):
    data = form.cleaned_data
    try:
        created = support_request_create(
            kind=data["kind"],
            where=data["where"],
            description=data["description"],
            email=data["email"],
            language=get_language(),
            attachment=data["attachment"] or None,
            attachment_type=getattr(form, "attachment_type", None),
        )
    except Duplicate as duplicate:
        original = duplicate.original
        request.session[SESSION_KEY] = {
            "reference": original.reference if original else "",
            "duplicate": True,
        }
    else:
        request.session[SESSION_KEY] = {"reference": created.reference, "duplicate": False}
    return redirect("support_request_sent")


@require_safe
def support_request_sent(request):
    sent = request.session.get(SESSION_KEY) or {}
    if sent.get("duplicate"):
        title = gettext_lazy("You already sent this request")
    else:
        title = gettext_lazy("Your request was sent")
    return render(
        request,
        "feedback/support_request_sent.html",
        {
            "page_title": title,
            "reference": sent.get("reference"),
            "duplicate": sent.get("duplicate", False),
        },
    )
