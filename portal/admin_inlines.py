"""Admin building blocks every app may use."""

from django.contrib import admin
from django.utils.text import capfirst


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose controls are named after their column.

    In Django's tabular inline a control sits in a table cell with no `<label>`, so a screen
    reader announces a nameless list box (axe: select-name); the column's name becomes its label.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field
