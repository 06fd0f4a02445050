from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal.models import Notice


@admin.register(Notice)
class NoticeAdmin(TranslationAdmin):
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
