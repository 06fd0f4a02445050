"""The hosted payment page the browser is sent to, in the provider's own look, in both languages.

Pay with a test card, confirm with the bank when the card asks for it, or cancel back to the
merchant. A complete or expired session shows a page saying so: it is never paid twice.
"""

from urllib.parse import urlsplit

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from payment_stub import services
from payment_stub.cards import CONFIRM, SLOW, SUCCEEDS, card_list
from payment_stub.forms import CardForm
from payment_stub.models import CheckoutSession
from payment_stub.services import Closed

FIELDS = [
    # name, autocomplete, numeric keyboard
    ("name", "cc-name", False),
    ("number", "cc-number", True),
    ("expiry", "cc-exp", True),
    ("cvc", "cc-csc", True),
]


def _hints():
    return {
        "number": _("Use one of the test cards listed below."),
        "expiry": _("MM/YY, for example 08/29."),
        "cvc": _("The 3 or 4 digits on the back of the card."),
    }


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _answer(request, template, context, *, session=None, status=200):
    response = render(request, template, context, status=status)
    if session is not None:
        # The form's answer may send the browser back to the merchant's site: allow it there.
        response._csp_update = {
            "form-action": sorted({_origin(session.success_url), _origin(session.cancel_url)})
        }
    return response


def _see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _not_found(request):
    context = {"page_title": _("Payment page not found")}
    return _answer(request, "payment_stub/not_found.html", context, status=404)


def _closed(request, session):
    if session.status == CheckoutSession.EXPIRED:
        title = _("This payment page has expired")
        back = session.cancel_url
    else:
        title = _("This payment is already complete")
        back = session.success_redirect_url()
    context = {"page_title": title, "session": session, "back_url": back}
    return _answer(request, "payment_stub/closed.html", context, session=session)


def _fields(form, extra_errors=None):
    hints = _hints()
    extra_errors = extra_errors or {}
    fields = []
    for name, autocomplete, numeric in FIELDS:
        field_id = CardForm.FIELD_IDS[name]
        errors = list(form.errors.get(name, [])) + extra_errors.get(name, [])
        described = []
        if name in hints:
            described.append(f"{field_id}-hint")
        if errors:
            described.append(f"{field_id}-error")
        value = "" if name == "cvc" or not form.is_bound else form.data.get(name, "")
        fields.append(
            {
                "id": field_id,
                "name": name,
                "label": form.fields[name].label,
                "hint": hints.get(name, ""),
                "errors": errors,
                "describedby": " ".join(described),
                "autocomplete": autocomplete,
                "numeric": numeric,
                # The security code is never written back into the page.
                "value": value[:200],
            }
        )
    return fields


def _pay_page(request, session, form, extra_errors=None):
    fields = _fields(form, extra_errors)
    errors = [(field["id"], message) for field in fields for message in field["errors"]]
    context = {
        "page_title": _("Pay %(merchant)s") % {"merchant": session.merchant.name},
        "session": session,
        "fields": fields,
        "errors": errors,
        "test_cards": card_list(),
    }
    return _answer(request, "payment_stub/pay.html", context, session=session)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pay(request, session_id):
    session = services.checkout_session_current(session_id)
    if session is None:
        return _not_found(request)
    if session.status != CheckoutSession.OPEN:
        return _closed(request, session)
    if request.method != "POST":
        return _pay_page(request, session, CardForm())
    form = CardForm(request.POST)
    if not form.is_valid():
        return _pay_page(request, session, form)
    try:
        session = services.checkout_session_pay(session_id, outcome=form.outcome, last4=form.last4)
    except Closed as closed:
        return _closed(request, closed.session)
    if form.outcome in (SUCCEEDS, SLOW):
        return _see_other(session.success_redirect_url())
    if form.outcome == CONFIRM:
        return _see_other(reverse("payment_stub_confirm", kwargs={"session_id": session.id}))
    form.decline()
    return _pay_page(request, session, form)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, session_id):
    session = services.checkout_session_current(session_id)
    if session is None:
        return _not_found(request)
    if session.status != CheckoutSession.OPEN:
        return _closed(request, session)
    pay_url = reverse("payment_stub_pay", kwargs={"session_id": session.id})
    if not session.awaiting_confirmation:
        return _see_other(pay_url)
    if request.method == "POST":
        try:
            session, result = services.checkout_session_confirm(
                session_id, confirmed="confirm" in request.POST
            )
        except Closed as closed:
            return _closed(request, closed.session)
        if result == SUCCEEDS:
            return _see_other(session.success_redirect_url())
        if result is None:
            return _see_other(pay_url)
        declined = {"number": [_("Your card was declined. Use another card.")]}
        return _pay_page(request, session, CardForm(), declined)
    context = {"page_title": _("Confirm this payment with your bank"), "session": session}
    return _answer(request, "payment_stub/confirm.html", context, session=session)
