from django.urls import path
from django.utils.translation import gettext_lazy as _

from document_requests import views

urlpatterns = [
    path(
        _("account/applications/<application_number:number>/requests/<int:pk>/"),
        views.request_detail,
        name="document_request",
    ),
    path(
        _("account/applications/<application_number:number>/requests/<int:pk>/<int:item_id>/"),
        views.request_document_file,
        name="document_request_file",
    ),
]
