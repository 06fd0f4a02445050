from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from document_requests.services import REPLY_MAX_LENGTH
from portal.upload_fields import DocumentFilesForm


class ItemUploadForm(DocumentFilesForm):
    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, item=item, prefix=f"item-{item.pk}", label=item.label, **kwargs)


class SendForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply to the officer (optional)"),
        help_text=format_lazy(
            _(
                "{count} characters at most. Do not write your social insurance number, card "
                "or bank numbers: they are removed."
            ),
            count=REPLY_MAX_LENGTH,
        ),
        required=False,
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("Write %(limit_value)d characters or fewer (you wrote %(show_value)d).")
        },
    )
