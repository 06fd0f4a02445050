"""Admin building blocks every app may use: controls that always have a name."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.paginator import Paginator
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date and time boxes, each named for screen readers (axe: label)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = _("Date (YYYY-MM-DD)")
        self.widgets[1].attrs["aria-label"] = _("Time (HH:MM)")


class LabelledWidgetsMixin:
    """For a ModelAdmin: date-time fields use the labelled widget."""

    formfield_overrides = {models.DateTimeField: {"widget": LabelledSplitDateTime}}


class LabelledInlineFormSet(BaseInlineFormSet):
    """Each row's "delete" tick box is named too: its column heading is not its label."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Delete this row"))


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose controls are named after their column.

    In Django's tabular inline a control sits in a table cell with no `<label>`, so a screen
    reader announces a nameless list box (axe: select-name); the column's name becomes its label.
    """

    formset = LabelledInlineFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field


COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts up to COUNT_CAP rows: past that, the list says "more than" and stays fast.
    (An app that uses it shows the count with templates/admin/capped_pagination.html.)"""

    @property
    def cap(self):
        return COUNT_CAP

    @cached_property
    def count(self):
        return self.object_list[: self.cap + 1].count()
