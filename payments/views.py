import logging

from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import account_page
from apply_online.services import DraftClosed
from payments import provider, selectors, services
from payments.models import Payment

logger = logging.getLogger(__name__)
# The return page asks the provider at most this often for one payment.
REFRESH_SECONDS = 2


def _crumbs(draft=None):
    crumbs = [(gettext_lazy("My account"), reverse("account_home"))]
    if draft is not None and draft.is_editable:
        crumbs.append((draft.type.name, reverse("draft_review", args=[draft.pk])))
    return crumbs


def _payment(request, payment_id) -> Payment:
    payment = selectors.payment_get_for_user(user=request.user, payment_id=payment_id)
    if payment is None:
        raise Http404
    return payment


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def payment_pay(request, draft_id):
    draft = selectors.draft_for_payment(user=request.user, draft_id=draft_id)
    if draft is None:
        raise Http404
    if not draft.is_editable:
        if draft.application_id:
            return redirect("application_detail", draft.application.number)
        return redirect("account_home")
    if draft.fee_paid_at is not None or draft.type.fee <= 0 or not draft.declaration_name:
        return redirect("draft_review", draft_id=draft.pk)
    unavailable = False
    if request.method == "POST":
        try:
            payment = services.checkout_start(
                draft_id=draft.pk,
                user=request.user,
                language=get_language(),
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except (provider.ProviderUnavailable, provider.ProviderRefused) as error:
            logger.warning("checkout not created: %s", type(error).__name__)
            unavailable = True
        except (services.AlreadyPaid, services.NotReady):
            return redirect("draft_review", draft_id=draft.pk)
        except DraftClosed:
            return redirect("account_home")
        else:
            if payment.status != Payment.Status.OPEN or not payment.checkout_url:
                return redirect("payment_return", payment_id=payment.pk)
            return HttpResponseRedirect(payment.checkout_url, status=303)
    context = {
        "page_title": gettext_lazy("Pay the fee"),
        "draft": draft,
        "fee": draft.type.fee,
        "unavailable": unavailable,
        "active": selectors.active_payment_of(draft),
        "back_url": reverse("draft_review", args=[draft.pk]),
        "breadcrumbs": _crumbs(draft),
    }
    return render(request, "payments/pay.html", context, status=503 if unavailable else 200)


def _refreshed(payment):
    """The payment after asking the provider, at most every few seconds per payment."""
    if payment.status not in Payment.ACTIVE or not payment.session_id:
        return payment
    if cache.add(f"payments:refresh:{payment.pk}", 1, REFRESH_SECONDS):
        try:
            services.payment_refresh(payment_id=payment.pk)
        except (provider.ProviderUnavailable, provider.ProviderRefused, services.BadEvent):
            logger.warning("payment status query failed: %s", payment.pk)
        payment.refresh_from_db()
    return payment


@require_safe
@account_page
def payment_return(request, payment_id):
    payment = _refreshed(_payment(request, payment_id))
    if payment.status in (Payment.Status.PAID, Payment.Status.REFUNDED):
        return redirect("payment_receipt", payment_id=payment.pk)
    context = {
        "page_title": gettext_lazy("We are confirming your payment")
        if payment.status in Payment.ACTIVE
        else gettext_lazy("Your payment was not completed"),
        "payment": payment,
        "waiting": payment.status in Payment.ACTIVE,
        "breadcrumbs": _crumbs(payment.draft),
    }
    return render(request, "payments/return.html", context)


@require_safe
@account_page
def payment_cancelled(request, payment_id):
    payment = _refreshed(_payment(request, payment_id))
    if payment.status in (Payment.Status.PAID, Payment.Status.REFUNDED):
        return redirect("payment_receipt", payment_id=payment.pk)
    if payment.status == Payment.Status.PROCESSING:
        return redirect("payment_return", payment_id=payment.pk)
    context = {
        "page_title": gettext_lazy("You did not pay the fee"),
        "payment": payment,
        "breadcrumbs": _crumbs(payment.draft),
    }
    return render(request, "payments/cancelled.html", context)


@require_safe
@account_page
def payment_receipt(request, payment_id):
    payment = _payment(request, payment_id)
    if payment.status not in (Payment.Status.PAID, Payment.Status.REFUNDED):
        return redirect("payment_return", payment_id=payment.pk)
    context = {
        "page_title": gettext_lazy("Payment receipt"),
        "payment": payment,
        "breadcrumbs": _crumbs(),
    }
    return render(request, "payments/receipt.html", context)


@csrf_exempt
@require_POST
def payment_webhook(request):
    """The provider's signed events. 400 for what is refused (the provider gives up on it);
    2xx once handled, or already handled."""
    body = request.body
    try:
        outcome = services.webhook_handle(body, request.headers.get("Stub-Signature", ""))
    except provider.BadSignature as error:
        logger.warning("payment webhook refused: %s", error)
        return JsonResponse({"error": "bad signature"}, status=400)
    except services.BadEvent as error:
        logger.warning("payment webhook refused: %s", error)
        return JsonResponse({"error": "bad event"}, status=400)
    return JsonResponse({"outcome": outcome})
