from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from portal import help_views, views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path(_("sign-in/"), views.signin, name="signin"),
    path(_("help/"), help_views.help_index, name="help_index"),
    path(_("help/how-to-sign-in/"), help_views.how_to_sign_in, name="help_how_to_sign_in"),
    path(_("help/questions/<slug:slug>/"), help_views.help_topic, name="help_topic"),
    path(_("search/"), help_views.search, name="search"),
    path(settings.ADMIN_URL, admin.site.urls),
)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
