from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpCentreConfig(AppConfig):
    name = "helpcentre"
    verbose_name = _("Help centre")

    def ready(self):
        from helpcentre import selectors  # noqa: F401  (connects the cache-clearing signals)
