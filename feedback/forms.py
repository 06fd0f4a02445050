from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.categories import Category
from feedback.models import SupportRequest
from portal.uploads import check_attachment, upload_rebuild

MAX_PATH = 500


class HoneypotMixin:
    """A field people never see (hidden by the stylesheet) and bots fill in."""

    honeypot_name = "website"

    def is_bot(self):
        return bool(self.data.get(self.honeypot_name))


def site_path(value):
    """``value`` if it is the path of a page of this site, else None."""
    if not value or len(value) > MAX_PATH or not value.startswith("/") or value.startswith("//"):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.query or parts.fragment or "\\" in value:
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        return None
    return value


class ReportForm(HoneypotMixin, forms.Form):
    """The "Report a problem or mistake on this page" form: checkboxes only, no free text."""

    categories = forms.MultipleChoiceField(
        choices=Category.choices,
        error_messages={"required": _("Select at least one box.")},
    )
    path = forms.CharField(max_length=MAX_PATH)
    title = forms.CharField(max_length=300, required=False)

    def clean_path(self):
        path = site_path(self.cleaned_data["path"])
        if path is None:
            raise forms.ValidationError(_("This is not a page of this site."), code="off_site")
        return path


class SupportRequestForm(HoneypotMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Enquiry"),
        choices=[("", _("Select one"))] + SupportRequest.Kind.choices,
    )
    where = forms.CharField(
        label=_("Page or step where the problem happened"),
        max_length=200,
        help_text=_("For example: “Sign in”, or the step of your application."),
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Up to 2,000 characters. Do not include personal information such as your social "
            "insurance number, passport number or phone number: we remove it before we store "
            "your message."
        ),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We will reply to this address."),
    )
    attachment = forms.FileField(
        label=_("Screenshot or document (optional)"),
        required=False,
        help_text=_("One PNG or JPEG image or PDF document, 4 MB or less."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.pdf"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my request be stored."),
        error_messages={"required": _("You must accept the privacy notice to send a request.")},
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.attachment_type = check_attachment(upload)
            mime, extension = self.attachment_type
            # Stored as rebuilt: only the pixels or the PDF's objects survive (portal/uploads.py).
            upload = upload_rebuild(upload, mime, name=f"attachment.{extension}")
        return upload
