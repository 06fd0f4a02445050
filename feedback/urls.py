from django.urls import path
from django.utils.translation import gettext_lazy as _

from feedback import views

urlpatterns = [
    path(_("report-problem/"), views.report_problem, name="report_problem"),
    path(_("technical-difficulties/"), views.support_request, name="support_request"),
    path(
        _("technical-difficulties/sent/"),
        views.support_request_sent,
        name="support_request_sent",
    ),
]
