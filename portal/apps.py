from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal content")

    def ready(self):
        from portal import checks, selectors  # noqa: F401  (the checks; cache-clearing signals)
