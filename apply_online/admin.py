"""Staff edit each type's online form and checklist; case officers read what was submitted."""

from django.contrib import admin
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from apply_online import selectors
from apply_online.forms import answer_display
from apply_online.models import ChecklistItem, Choice, Draft, DraftDocument, FormSection, Question
from portal.admin_widgets import LabelledTabularInline
from portal.files import document_response


def _key(value):
    """A machine key (a question's name, an answer's value): not words of either language."""
    return format_html('<code translate="no">{}</code>', value) if value else "—"


class QuestionInline(TranslationTabularInline, LabelledTabularInline):
    model = Question
    fields = ("position", "name", "label", "help_text", "kind", "required", "max_length")
    extra = 0


@admin.register(FormSection)
class FormSectionAdmin(TranslationAdmin):
    list_display = ("type", "position", "title")
    list_filter = ("type",)
    inlines = [QuestionInline]


class ChoiceInline(TranslationTabularInline, LabelledTabularInline):
    model = Choice
    fields = ("position", "value", "label")
    extra = 0


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ("label", "key", "kind", "section")
    list_filter = ("section__type", "kind")
    search_fields = ("label", "name")
    inlines = [ChoiceInline]

    @admin.display(description=_("name"), ordering="name")
    def key(self, question):
        return _key(question.name)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(TranslationAdmin):
    list_display = ("type", "position", "name", "required", "condition")
    list_filter = ("type", "required")

    @admin.display(description=_("only when the answer to"))
    def condition(self, item):
        if not item.when_question:
            return "—"
        return format_html("{} = {}", _key(item.when_question), _key(item.when_answer))


@admin.register(Draft)
class SubmissionAdmin(admin.ModelAdmin):
    """Submitted online applications, as the applicant wrote them. Drafts stay private."""

    list_display = ("application", "type", "submitted_at", "declaration_name")
    list_filter = ("type",)
    search_fields = ("application__number",)
    fields = (
        "application",
        "type",
        "submitted_at",
        "declaration_name",
        "answers_shown",
        "documents_shown",
    )
    readonly_fields = fields
    date_hierarchy = "submitted_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(state=Draft.State.SUBMITTED)
            .select_related("type", "application")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Answers"))
    def answers_shown(self, draft):
        rows = []
        for section in selectors.sections_for(draft.type):
            rows.append(format_html("<h3>{}</h3>", section.title))
            rows.append(
                format_html(
                    "<dl>{}</dl>",
                    format_html_join(
                        "",
                        "<dt>{}</dt><dd>{}</dd>",
                        (
                            (q.label, answer_display(q, draft.answers.get(q.name, "")) or "—")
                            for q in section.questions.all()
                        ),
                    ),
                )
            )
        return format_html_join("", "{}", ((row,) for row in rows))

    @admin.display(description=_("Documents"))
    def documents_shown(self, draft):
        documents = draft.documents.select_related("item")
        if not documents:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{}: <a href="{}">{}</a></li>',
                (
                    (
                        d.item.name,
                        reverse("admin:apply_online_draft_document", args=[draft.pk, d.pk]),
                        d.original_name,
                    )
                    for d in documents
                ),
            ),
        )

    def get_urls(self):
        return [
            path(
                "<uuid:draft_id>/documents/<int:pk>/",
                self.admin_site.admin_view(self.document_download),
                name="apply_online_draft_document",
            ),
            *super().get_urls(),
        ]

    def document_download(self, request, draft_id, pk):
        if not self.has_view_permission(request):
            raise Http404
        document = DraftDocument.objects.filter(
            pk=pk, draft_id=draft_id, draft__state=Draft.State.SUBMITTED
        ).first()
        if document is None:
            raise Http404
        return document_response(document)
