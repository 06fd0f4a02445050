from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplyOnlineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "apply_online"
    verbose_name = _("Apply online")
