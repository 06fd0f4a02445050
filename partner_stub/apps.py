from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerStubConfig(AppConfig):
    """A stand-in for the Sign-In Partner broker: a separate party that speaks OpenID Connect.

    It imports nothing from the portal's apps, keeps its own customers, sessions and keys, and can
    be left out of INSTALLED_APPS (settings.PARTNER_STUB_ENABLED).
    """

    name = "partner_stub"
    verbose_name = _("Demonstration bank broker")
