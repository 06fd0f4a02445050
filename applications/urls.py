from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from applications import views


class ApplicationNumberConverter:
    """One letter and nine digits (any case): nothing else reaches a view or a query."""

    regex = "[A-Za-z][0-9]{9}"

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return str(value)


register_converter(ApplicationNumberConverter, "application_number")

urlpatterns = [
    path(_("account/applications/link/"), views.application_link, name="application_link"),
    path(
        _("account/applications/<application_number:number>/"),
        views.application_detail,
        name="application_detail",
    ),
    path(
        _("account/applications/<application_number:number>/messages/<int:pk>/"),
        views.message_detail,
        name="message_detail",
    ),
    path(
        _("account/applications/<application_number:number>/messages/<int:pk>/letter/"),
        views.message_letter,
        name="message_letter",
    ),
]
