from django import forms
from django.utils.translation import gettext_lazy as _

from partner_stub.models import Customer


class BankSignInForm(forms.Form):
    username = forms.CharField(label=_("Online banking username"), max_length=40)
    password = forms.CharField(
        label=_("Online banking password"), max_length=100, widget=forms.PasswordInput
    )

    def __init__(self, *args, bank, **kwargs):
        super().__init__(*args, **kwargs)
        self.bank = bank
        self.customer = None

    def clean(self):
        data = super().clean()
        customer = Customer.objects.filter(
            bank=self.bank, username__iexact=data.get("username", "")
        ).first()
        if customer is None or not customer.check_password(data.get("password", "")):
            raise forms.ValidationError(_("The username or password is not right."))
        self.customer = customer
        return data
