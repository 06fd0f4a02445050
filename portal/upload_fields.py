"""Form fields for uploads: several files in one field (Django's documented pattern)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (Django's documented pattern): a list of uploads."""

    MAX_FILES = 20

    def clean(self, data, initial=None):
        files = [f for f in data if f] if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            return [super().clean(None, initial)]  # "Choose a file to upload."
        if len(files) > self.MAX_FILES:
            raise forms.ValidationError(
                _("Choose at most %(count)d files at once.") % {"count": self.MAX_FILES},
                code="too_many",
            )
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class DocumentFilesForm(forms.Form):
    """One document's upload slot: its files (several photos are combined into one PDF),
    labelled and prefixed by the caller so that each slot of a page is its own form."""

    files = MultipleFileField(
        label=_("Choose the file"),
        help_text=_(
            "PNG, JPEG or PDF, 4 MB at most. To send several pages as photos, choose "
            "them all: we combine them into one PDF."
        ),
        widget=MultipleFileInput(attrs={"accept": ".png,.jpg,.jpeg,.pdf"}),
        error_messages={"required": _("Choose a file to upload.")},
    )

    def __init__(self, *args, item, prefix, label, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.item = item
        self.fields["files"].label = label
