from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from helpcentre.models import HelpTopic
from helpcentre.services import help_topic_publish, help_topic_unpublish


@admin.register(HelpTopic)
class HelpTopicAdmin(TranslationAdmin):
    # Both languages on one form, one after the other; HelpTopic.clean() refuses to publish a
    # topic missing either.
    list_display = ("__str__", "category", "is_published", "on_signin_page", "order", "updated_at")
    list_filter = ("category", "is_published", "on_signin_page")
    search_fields = ("question_en", "question_fr", "answer_en", "answer_fr")
    prepopulated_fields = {"slug_en": ("question_en",), "slug_fr": ("question_fr",)}
    actions = ("publish", "unpublish")
    fieldsets = (
        (None, {"fields": ("category", "order", "on_signin_page", "is_published")}),
        (_("English"), {"fields": ("question_en", "slug_en", "answer_en")}),
        (_("French"), {"fields": ("question_fr", "slug_fr", "answer_fr")}),
    )

    @admin.action(description=_("Publish the selected help topics"))
    def publish(self, request, queryset):
        published = refused = 0
        for topic in queryset:
            try:
                help_topic_publish(topic=topic)
                published += 1
            except ValidationError:
                refused += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d topic published.", "%(count)d topics published.", published)
                % {"count": published},
            )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d topic not published: write it in both languages first.",
                    "%(count)d topics not published: write them in both languages first.",
                    refused,
                )
                % {"count": refused},
                level=messages.ERROR,
            )

    @admin.action(description=_("Unpublish the selected help topics"))
    def unpublish(self, request, queryset):
        for topic in queryset:
            help_topic_unpublish(topic=topic)
