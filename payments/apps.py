from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Fees: the portal as a merchant of a hosted-checkout payment provider.

    A fee is marked paid only from a signed webhook or a server-to-server status query, and the
    draft is submitted in the same transaction that records it (services.session_apply).
    """

    name = "payments"
    verbose_name = _("Fees")
