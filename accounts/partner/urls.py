"""Mounted by allauth in place of its stock OpenID Connect URLs (PartnerProvider.package).

Inside the language prefix, so the callback has a URL per language: both are registered with the
broker (partner_stub/demo.py does it for the stub).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.partner import views

urlpatterns = [
    path(_("partner/<str:provider_id>/start/"), views.login, name="openid_connect_login"),
    path(_("partner/<str:provider_id>/return/"), views.callback, name="openid_connect_callback"),
]
