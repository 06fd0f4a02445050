"""The broker's endpoints (discovery, authorize, token, userinfo, JWKS) and its pages.

Pages: a chooser of banks, the bank's sign-in and a one-time consent, each with a cancel button
that sends the browser back to the client with ``error=access_denied``.
"""

from authlib.integrations.django_oauth2 import ResourceProtector
from authlib.oauth2 import OAuth2Error
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from partner_stub import session
from partner_stub.banks import BANKS
from partner_stub.forms import BankSignInForm
from partner_stub.keys import public_jwks
from partner_stub.models import Consent, Customer
from partner_stub.server import StoredAuthorizationRequest, TokenValidator, broker_server, granted

DISCOVERY_SUFFIX = "/.well-known/openid-configuration"

require_token = ResourceProtector()
require_token.register_token_validator(TokenValidator())


def issuer(request):
    """The broker's issuer: where it is mounted, under the name the request used."""
    return request.build_absolute_uri(reverse("partner_stub_discovery")).removesuffix(
        DISCOVERY_SUFFIX
    )


# --- Protocol endpoints -----------------------------------------------------------------------


@require_safe
def discovery(request):
    base = issuer(request)
    return JsonResponse(
        {
            "issuer": base,
            "authorization_endpoint": request.build_absolute_uri(reverse("partner_stub_authorize")),
            "token_endpoint": request.build_absolute_uri(reverse("partner_stub_token")),
            "userinfo_endpoint": request.build_absolute_uri(reverse("partner_stub_userinfo")),
            "jwks_uri": request.build_absolute_uri(reverse("partner_stub_jwks")),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "ui_locales_supported": ["en", "fr"],
        }
    )


@require_safe
def jwks(request):
    return JsonResponse(public_jwks())


def _page_language(request):
    wanted = (request.GET.get("ui_locales") or "").split()
    for code in wanted:
        if code[:2] in ("en", "fr"):
            return code[:2]
    return translation.get_language_from_request(request)


@never_cache
@require_safe
def authorize(request):
    server = broker_server(issuer(request))
    try:
        server.get_consent_grant(request, end_user=None)
    except OAuth2Error as error:
        if error.redirect_uri:  # a known client and redirect URI: tell the client
            return server.handle_error_response(request, error)
        return _problem(request, status=400)
    with translation.override(_page_language(request)):
        response = redirect("partner_stub_choose")
    return session.save(response, {"request": request.GET.dict()})


@csrf_exempt
@require_POST
def token(request):
    return broker_server(issuer(request)).create_token_response(request)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@require_token("openid")
def userinfo(request):
    token = request.oauth_token
    return JsonResponse({"sub": granted(token.customer, token.client).sub})


# --- Pages --------------------------------------------------------------------------------------


def _problem(request, *, status):
    return render(
        request,
        "partner_stub/problem.html",
        {"page_title": _("This sign-in request cannot continue")},
        status=status,
    )


def _pending(request):
    """The authorization request in progress, its client and grant; None if there is none."""
    state = session.load(request)
    if not state or "request" not in state:
        return None
    server = broker_server(issuer(request))
    stored = StoredAuthorizationRequest(request, state["request"])
    try:
        grant = server.get_consent_grant(stored, end_user=None)
    except OAuth2Error:
        return None
    return {"state": state, "server": server, "client": grant.request.client}


def _finish(request, pending, customer):
    """Back to the client: with a code for ``customer``, or ``access_denied`` without one."""
    server = pending["server"]
    grant_user = granted(customer, pending["client"]) if customer else None
    stored = StoredAuthorizationRequest(request, pending["state"]["request"])
    grant = server.get_consent_grant(stored, end_user=grant_user)
    response = server.create_authorization_response(stored, grant_user=grant_user, grant=grant)
    return session.clear(response)


def _context(pending, **extra):
    return {"client_name": pending["client"].name, **extra}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def choose(request):
    pending = _pending(request)
    if pending is None:
        return _problem(request, status=400)
    if request.method == "POST":
        if "cancel" in request.POST:
            return _finish(request, pending, None)
        bank = request.POST.get("bank")
        if bank in BANKS:
            return redirect("partner_stub_sign_in", bank=bank)
    banks = list(BANKS.items())
    return render(
        request,
        "partner_stub/choose.html",
        _context(pending, page_title=_("Choose your bank"), banks=banks),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request, bank):
    if bank not in BANKS:
        raise Http404
    pending = _pending(request)
    if pending is None:
        return _problem(request, status=400)
    form = BankSignInForm(request.POST or None, bank=bank)
    if request.method == "POST":
        if "cancel" in request.POST:
            return _finish(request, pending, None)
        if form.is_valid():
            customer = form.customer
            if Consent.objects.filter(customer=customer, client=pending["client"]).exists():
                return _finish(request, pending, customer)
            response = redirect("partner_stub_consent")
            state = {**pending["state"], "bank": bank, "customer": str(customer.uid)}
            return session.save(response, state)
    customers = Customer.objects.filter(bank=bank).order_by("username")
    context = _context(
        pending,
        page_title=BANKS[bank],
        bank=bank,
        bank_name=BANKS[bank],
        form=form,
        customers=customers,
    )
    return render(request, "partner_stub/sign_in.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request):
    pending = _pending(request)
    if pending is None:
        return _problem(request, status=400)
    customer = Customer.objects.filter(uid=pending["state"].get("customer") or None).first()
    if customer is None:
        return redirect("partner_stub_choose")
    if request.method == "POST":
        if "allow" not in request.POST:
            return _finish(request, pending, None)
        Consent.objects.get_or_create(customer=customer, client=pending["client"])
        return _finish(request, pending, customer)
    context = _context(
        pending,
        page_title=_("Share a random identifier?"),
        bank_name=BANKS[customer.bank],
        customer=customer,
    )
    return render(request, "partner_stub/consent.html", context)
