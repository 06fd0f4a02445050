from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from modeltranslation.admin import TranslationAdmin

from portal.admin_widgets import LabelledWidgetsMixin
from portal.models import Notice


@admin.register(Notice)
class NoticeAdmin(LabelledWidgetsMixin, TranslationAdmin):
    # TranslationAdmin (not the tabbed variant): the tabbed one loads jQuery UI from a CDN.
    list_display = ("__str__", "kind", "starts_at", "ends_at", "is_current", "order")
    list_filter = ("kind",)
    search_fields = ("slug", "title_en", "title_fr", "body_en", "body_fr")
    prepopulated_fields = {"slug": ("title_en",)}
    fieldsets = (
        (None, {"fields": ("slug", "kind", "order")}),
        (_("Text"), {"fields": ("title", "body")}),
        (_("Publication"), {"fields": ("starts_at", "ends_at")}),
    )

    @admin.display(boolean=True, description=_("shown now"))
    def is_current(self, notice):
        return notice.is_shown_at(timezone.now())


admin.site.site_header = _("IRCC secure account administration")
admin.site.site_title = _("IRCC secure account administration")
admin.site.index_title = _("Administration")


# The background tasks (emails) as operators need them: what ran, when, and whether it failed.
# Never their arguments: an email's body (a password-reset link) is no one's to read here.
admin.site.unregister(DBTaskResult)

_TASK_STATUSES = {
    "READY": _("Waiting"),
    "RUNNING": _("Running"),
    "FAILED": _("Failed"),
    "SUCCESSFUL": _("Done"),
}
_TASK_NAMES = {"portal.mail.email_deliver": _("Send an email")}


class TaskStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(_TASK_STATUSES.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(DBTaskResult)
class BackgroundTaskAdmin(admin.ModelAdmin):
    list_display = ("task", "state", "enqueued", "finished")
    list_filter = (TaskStatusFilter,)
    ordering = ("-enqueued_at",)
    fields = ("task", "state", "enqueued", "finished", "error")
    readonly_fields = fields

    @admin.display(description=_("task"), ordering="task_path")
    def task(self, result):
        return _TASK_NAMES.get(result.task_path, result.task_path.rsplit(".", 1)[-1])

    @admin.display(description=_("status"), ordering="status")
    def state(self, result):
        return _TASK_STATUSES.get(result.status, result.status)

    @admin.display(description=_("queued"), ordering="enqueued_at")
    def enqueued(self, result):
        return result.enqueued_at

    @admin.display(description=_("finished"), ordering="finished_at")
    def finished(self, result):
        return result.finished_at or "—"

    @admin.display(description=_("error"))
    def error(self, result):
        return result.exception_class_path or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
