import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.services import LinkRequest

_NUMBER = re.compile(r"^[A-Z][0-9]{9}$")


class LinkForm(forms.Form):
    NUMBER, IDENTITY = "number", "identity"

    method = forms.ChoiceField(
        label=_("How do you want to find your application?"),
        choices=[
            (NUMBER, _("With my application number and family name")),
            (IDENTITY, _("With my family name, given name and date of birth")),
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
    family_name = forms.CharField(
        label=_("Family name"),
        help_text=_("As written on your application."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    given_name = forms.CharField(
        label=_("Given name"),
        help_text=_("Only needed without the application number."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("Only needed without the application number. Format: YYYY-MM-DD."),
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

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Your date of birth cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        required = _("This field is required.")
        number_missing = (
            not data.get("application_number") and "application_number" not in self.errors
        )
        if data.get("method") == self.NUMBER and number_missing:
            self.add_error("application_number", required)
        if data.get("method") == self.IDENTITY:
            for name in ("given_name", "date_of_birth"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, required)
        return data

    def link_request(self):
        data = self.cleaned_data
        if data["method"] == self.NUMBER:
            return LinkRequest(family_name=data["family_name"], number=data["application_number"])
        return LinkRequest(
            family_name=data["family_name"],
            given_name=data["given_name"],
            date_of_birth=data["date_of_birth"],
        )
