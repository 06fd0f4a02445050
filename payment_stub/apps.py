from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentStubConfig(AppConfig):
    """A stand-in for a hosted-checkout payment provider: a separate party with its own API.

    It imports nothing from the portal's apps, keeps its own merchants, sessions, payments and
    keys, and can be left out of INSTALLED_APPS (settings.PAYMENT_STUB_ENABLED).
    """

    name = "payment_stub"
    verbose_name = _("Demonstration payment provider")
