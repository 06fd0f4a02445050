import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.services import REPLY_MAX_LENGTH, LinkRequest

_NUMBER = re.compile(r"^[A-Z][0-9]{9}$")
_UCI = re.compile(r"^([0-9]{8}|[0-9]{10})$")


class LinkForm(forms.Form):
    """Linking always needs an identifier IRCC gave the applicant: the application number, or
    the UCI with the date of birth. Names and a birth date alone never link."""

    NUMBER, UCI = "number", "uci"

    method = forms.ChoiceField(
        label=_("How do you want to find your application?"),
        choices=[
            (NUMBER, _("With my application number and family name")),
            (UCI, _("With my UCI, family name and date of birth")),
        ],
        initial=NUMBER,
        widget=forms.RadioSelect,
    )
    application_number = forms.CharField(
        label=_("Application number"),
        help_text=_(
            "One letter followed by nine digits, for example W123456789. It is on the "
            "letter or email confirming we received your application."
        ),
        max_length=20,
        required=False,
    )
    uci = forms.CharField(
        label=_("Unique client identifier (UCI)"),
        help_text=_(
            "8 or 10 digits, for example 1234-5678 or 12-3456-7890. It is on letters and "
            "documents IRCC sent you. Only needed without the application number."
        ),
        max_length=20,
        required=False,
    )
    family_name = forms.CharField(
        label=_("Family name"),
        help_text=_("As written on your application."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("Only needed with the UCI. Format: YYYY-MM-DD."),
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": _("Enter a date in the format YYYY-MM-DD.")},
    )

    def clean_application_number(self):
        value = re.sub(r"[\s-]", "", self.cleaned_data["application_number"]).upper()
        if value and not _NUMBER.match(value):
            raise forms.ValidationError(
                _("An application number is one letter followed by nine digits.")
            )
        return value

    def clean_uci(self):
        value = re.sub(r"[\s-]", "", self.cleaned_data["uci"])
        if value and not _UCI.match(value):
            raise forms.ValidationError(_("A UCI is 8 or 10 digits."))
        return value

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Your date of birth cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        required = _("This field is required.")
        needed = {self.NUMBER: ("application_number",), self.UCI: ("uci", "date_of_birth")}
        for name in needed.get(data.get("method"), ()):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, required)
        return data

    def link_request(self):
        data = self.cleaned_data
        if data["method"] == self.NUMBER:
            return LinkRequest(family_name=data["family_name"], number=data["application_number"])
        return LinkRequest(
            family_name=data["family_name"], uci=data["uci"], date_of_birth=data["date_of_birth"]
        )


class ReplyForm(forms.Form):
    """The applicant's reply to a message that allows replies."""

    body = forms.CharField(
        label=_("Your reply"),
        help_text=_(
            "At most 2,000 characters. Do not include your social insurance number, card or "
            "bank numbers: we remove them before your reply is kept."
        ),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your reply."),
            "max_length": _(
                "Your reply is %(show_value)d characters long. Shorten it to 2,000 characters "
                "or less."
            ),
        },
    )
