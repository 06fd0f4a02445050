"""Finance staff see payments and record refunds; nobody else sees them (groups migration)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apply_online.templatetags.apply_online import money
from payments import provider, services
from payments.models import Payment, WebhookEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Money records are written by the service only: staff read them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = (
        "reference",
        "description",
        "amount_display",
        "status",
        "attention",
        "paid_at",
        "application",
    )
    list_filter = ("status", "attention", "paid_at")
    search_fields = ("application__number", "session_id", "provider_payment_id")
    date_hierarchy = "created_at"
    actions = ["refund"]
    readonly_fields = (
        "reference",
        "description",
        "amount_display",
        "status",
        "attention",
        "application",
        "draft",
        "language",
        "created_at",
        "paid_at",
        "provider_payment_id",
        "session_id",
        "refund_id",
        "refunded_at",
        "refunded_by",
    )
    fields = readonly_fields

    @admin.display(description=_("receipt number"))
    def reference(self, payment):
        return payment.reference

    @admin.display(description=_("amount"), ordering="amount_cents")
    def amount_display(self, payment):
        return money(payment.amount)

    def has_refund_permission(self, request):
        return request.user.has_perm("payments.refund_payment")

    @admin.action(description=_("Refund the selected payments in full"), permissions=["refund"])
    def refund(self, request, queryset):
        refunded, refused = 0, 0
        for payment in queryset:
            try:
                services.refund_record(payment_id=payment.pk, staff_user=request.user)
            except (services.NotRefundable, provider.ProviderRefused):
                refused += 1
            except provider.ProviderUnavailable:
                self.message_user(
                    request,
                    _("The payment provider is unavailable: nothing more was refunded. Try again."),
                    messages.ERROR,
                )
                break
            else:
                refunded += 1
        if refunded:
            self.message_user(
                request,
                ngettext("%(count)d payment refunded.", "%(count)d payments refunded.", refunded)
                % {"count": refunded},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d payment was not refunded: only a paid payment can be.",
                    "%(count)d payments were not refunded: only a paid payment can be.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "type", "outcome", "received_at", "payment")
    list_filter = ("type", "outcome")
    search_fields = ("event_id",)
    readonly_fields = ("event_id", "type", "outcome", "received_at", "payment")
    fields = readonly_fields
