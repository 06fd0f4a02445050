from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm as AllauthAddWebAuthnForm
from allauth.mfa.webauthn.forms import EditWebAuthnForm as AllauthEditWebAuthnForm
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.validators import USERNAME_MAX, username_validators


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

    def __init__(self, *args, partner_recently=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("given_names", "family_name", "email"):
            self.fields[name].required = True
        # Changing the recovery address of a complete profile needs proof that the owner is
        # here: the password for GCKey accounts, a fresh partner sign-in for partner-only ones.
        self.old_email = self.instance.email if self.instance.has_complete_profile else ""
        self.partner_recently = partner_recently
        self.needs_partner_sign_in = False
        if self.old_email and self.instance.has_usable_password():
            self.fields["current_password"] = forms.CharField(
                label=_("Current password"),
                help_text=_("Needed only to change your email address."),
                required=False,
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if not self.old_email or not email or email.lower() == self.old_email.lower():
            return data
        if self.instance.has_usable_password():
            password = data.get("current_password") or ""
            if not self.instance.check_password(password):
                self.add_error(
                    "current_password",
                    _("To change your email address, enter your current password."),
                )
        elif not self.partner_recently:
            self.needs_partner_sign_in = True
            self.add_error(
                "email",
                _(
                    "To change your email address, sign in again with your Sign-In Partner "
                    "first, then change it within 5 minutes."
                ),
            )
        return data

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


class GCKeyAddForm(forms.Form):
    """A GCKey username and password for an account that signs in with a Sign-In Partner."""

    username = forms.CharField(
        label=_("Choose a username"),
        help_text=_(
            "8 to 16 characters: letters (A to Z) and at most 7 numbers. No spaces or special "
            "characters."
        ),
        max_length=150,
        validators=username_validators,
        widget=forms.TextInput(attrs={"autocomplete": "username", "maxlength": USERNAME_MAX}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Confirm your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password1"].help_text = password_validation.password_validators_help_texts()[0]

    def clean_username(self):
        username = self.cleaned_data["username"].lower()
        if User.objects.filter(username__iexact=username).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("This username is taken. Please choose another."))
        return username

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1 and "username" in data:
            candidate = User(username=data["username"])
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class _SecurityKeyName:
    """allauth's security-key forms with our label for the key's name (theirs has none)."""

    name_label = _("Name of the key")
    name_help = _("For example “My phone” or “Blue key”, so you can tell your keys apart.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = self.name_label
        self.fields["name"].help_text = self.name_help


class AddWebAuthnForm(_SecurityKeyName, AllauthAddWebAuthnForm):
    pass


class EditWebAuthnForm(_SecurityKeyName, AllauthEditWebAuthnForm):
    pass
