"""Case officers ask for documents in the admin, and review what came back in their queue."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from document_requests import selectors, services
from document_requests.models import (
    AnsweredRequest,
    DocumentKind,
    DocumentRequest,
    ReplyDocument,
    RequestedItem,
)
from portal.admin_widgets import CappedPaginator, LabelledInlineFormSet, LabelledTabularInline
from portal.files import document_response


@admin.register(DocumentKind)
class DocumentKindAdmin(TranslationAdmin):
    list_display = ("name", "code", "position")


class ItemsFormSet(LabelledInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if not kept:
            raise ValidationError(_("Ask for at least one document."))


class ItemForm(forms.ModelForm):
    class Meta:
        model = RequestedItem
        fields = ("position", "kind", "description_en", "description_fr")

    def clean(self):
        data = super().clean()
        if not data.get("kind") and not (data.get("description_en") and data.get("description_fr")):
            raise ValidationError(
                _("Choose a kind of document, or describe it in English and in French.")
            )
        return data


class RequestedItemInline(TranslationTabularInline, LabelledTabularInline):
    model = RequestedItem
    form = ItemForm
    formset = ItemsFormSet
    fields = ("position", "kind", "description")
    extra = 1

    def _open(self, obj):
        return obj is None or obj.is_open

    def has_add_permission(self, request, obj=None):
        return self._open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open(obj) and super().has_delete_permission(request, obj)


class DocumentRequestForm(forms.ModelForm):
    class Meta:
        model = DocumentRequest
        fields = ("application", "due_on", "note_en", "note_fr")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise ValidationError(_("Choose a due date after today."))
        return due_on


def _documents(request_obj):
    """Each requested document, with a download link for what came back."""
    rows = []
    for item in request_obj.items.all():
        document = getattr(item, "document", None)
        if document is None:
            rows.append(format_html("<li>{}: {}</li>", item.label, _("not sent")))
        else:
            url = reverse("admin:document_requests_document", args=[request_obj.pk, document.pk])
            rows.append(
                format_html(
                    '<li>{}: <a href="{}">{}</a></li>', item.label, url, document.original_name
                )
            )
    return format_html("<ul>{}</ul>", mark_safe("".join(rows)))  # noqa: S308 - each row escaped


class ReviewMixin:
    @admin.action(description=_("Mark the selected requests reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        done = sum(
            services.request_review(request_id=pk, by=request.user)
            for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d request marked reviewed.", "%(count)d requests marked reviewed.", done
            )
            % {"count": done},
            messages.SUCCESS,
        )

    def document_download(self, request, request_id, pk):
        if not self.has_view_permission(request):
            raise Http404
        document = ReplyDocument.objects.filter(pk=pk, item__request_id=request_id).first()
        if document is None:
            raise Http404
        return document_response(document)

    @admin.display(description=_("documents"))
    def documents(self, obj):
        return _documents(obj)

    @admin.display(description=_("application"), ordering="application__number")
    def number(self, obj):
        return obj.application.number


@admin.register(DocumentRequest)
class DocumentRequestAdmin(ReviewMixin, TranslationAdmin):
    form = DocumentRequestForm
    inlines = [RequestedItemInline]
    list_display = ("number", "due_on", "state", "answered_at", "reviewed_at")
    list_filter = ("state", "due_on")
    search_fields = ("application__number",)
    # The application by its id (prefilled by "Ask the applicant for documents" on its page):
    # select2's autocomplete box has no accessible name (axe), and a list of every
    # application would not scale.
    raw_id_fields = ("application",)
    actions = ["mark_reviewed"]
    paginator = CappedPaginator
    show_full_result_count = False
    list_select_related = ("application",)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("application", "due_on", "note")
        return (
            "application",
            "due_on",
            "note",
            "state",
            "created_by",
            "created_at",
            "answered_at",
            "reply",
            "documents",
            "reviewed_at",
            "reviewed_by",
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        done = ("state", "created_by", "created_at", "answered_at", "reply", "documents")
        done += ("reviewed_at", "reviewed_by", "application")
        if not obj.is_open:
            done += ("due_on", "note", "note_en", "note_fr")
        return done

    def get_urls(self):
        return [
            path(
                "<int:request_id>/documents/<int:pk>/",
                self.admin_site.admin_view(self.document_download),
                name="document_requests_document",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            services.request_announce(form.instance)


@admin.register(AnsweredRequest)
class AnsweredRequestAdmin(ReviewMixin, admin.ModelAdmin):
    """The queue: answered, not reviewed, oldest first, the documents one click away."""

    list_display = ("number", "answered_at", "due_on", "documents")
    # Oldest answer first, as the queue's partial index reads (not the model's newest-first).
    ordering = ("answered_at", "pk")
    actions = ["mark_reviewed"]
    paginator = CappedPaginator
    show_full_result_count = False
    list_per_page = 50
    fields = ("number", "due_on", "answered_at", "reply", "documents")
    readonly_fields = fields

    def get_queryset(self, request):
        return selectors.queue().prefetch_related("items__kind", "items__document")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
