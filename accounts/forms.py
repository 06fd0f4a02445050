from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.validators import USERNAME_MAX


def _no_placeholders(form):
    # Canada.ca puts instructions in labels and hints, never in placeholders.
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("GCKey username")
        self.fields["login"].max_length = 150
        self.fields["password"].label = _("Password")
        self.fields["password"].help_text = ""
        _no_placeholders(self)


class SignupForm(AllauthSignupForm):
    accept_terms = forms.BooleanField(
        label=_("I have read and I accept the terms and conditions of use"),
        error_messages={"required": _("You must accept the terms and conditions to register.")},
    )
    field_order = ["accept_terms", "username", "password1", "password2", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Choose a username")
        username.help_text = _(
            "8 to 16 characters: letters (A to Z) and at most 7 numbers. No spaces or special "
            "characters."
        )
        username.max_length = 150
        username.widget.attrs["maxlength"] = USERNAME_MAX
        self.fields["password1"].label = _("Choose a password")
        self.fields["password2"].label = _("Confirm your password")
        email = self.fields["email"]
        email.label = _("Recovery email address")
        email.help_text = _(
            "We send your username or a link to reset your password to this address if you "
            "forget them."
        )
        _no_placeholders(self)


class ProfileForm(forms.ModelForm):
    """The secure-account profile, completed at the first sign-in."""

    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("Format: YYYY-MM-DD, for example 1990-03-25."),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"autocomplete": "bday"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date in the format YYYY-MM-DD.")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        help_text=_("Pages after you sign in, messages and emails will be in this language."),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = User
        fields = ["given_names", "family_name", "date_of_birth", "email", "preferred_language"]
        labels = {
            "given_names": _("Given name(s)"),
            "family_name": _("Family name"),
            "email": _("Email address"),
        }
        help_texts = {
            "given_names": _("As shown on your passport or travel document."),
        }
        widgets = {
            "given_names": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("given_names", "family_name", "email"):
            self.fields[name].required = True

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError(_("Your date of birth cannot be in the future."))
        if value.year < today.year - 130:
            raise forms.ValidationError(_("Enter your real date of birth."))
        return value


class ForgotUsernameForm(forms.Form):
    email = forms.EmailField(
        label=_("Recovery email address"),
        help_text=_("The address you gave when you registered."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
