from django.urls import path
from django.utils.translation import gettext_lazy as _

from applications import views

urlpatterns = [
    path(_("account/applications/link/"), views.application_link, name="application_link"),
    path(
        _("account/applications/<str:number>/"), views.application_detail, name="application_detail"
    ),
    path(
        _("account/applications/<str:number>/messages/<int:pk>/"),
        views.message_detail,
        name="message_detail",
    ),
]
