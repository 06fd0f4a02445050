from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal content")

    def ready(self):
        from portal import selectors  # noqa: F401  (connects the cache-clearing signals)
