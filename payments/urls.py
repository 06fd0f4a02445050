from django.urls import path
from django.utils.translation import gettext_lazy as _

from payments import views

urlpatterns = [
    path(_("account/apply/<uuid:draft_id>/pay/"), views.payment_pay, name="payment_pay"),
    path(_("account/payments/<uuid:payment_id>/"), views.payment_return, name="payment_return"),
    path(
        _("account/payments/<uuid:payment_id>/cancelled/"),
        views.payment_cancelled,
        name="payment_cancelled",
    ),
    path(
        _("account/payments/<uuid:payment_id>/receipt/"),
        views.payment_receipt,
        name="payment_receipt",
    ),
]
