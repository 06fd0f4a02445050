"""The card form of the hosted payment page, with its checks and their messages."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payment_stub.cards import luhn_valid, outcome

EXPIRY = re.compile(r"^(\d{1,2})\s*/\s*(\d{2}|\d{4})$|^(\d{2})(\d{2})$")
NAME_MAX_LENGTH = 100


class CardForm(forms.Form):
    name = forms.CharField(
        label=_("Name on the card"),
        error_messages={"required": _("Enter the name on the card.")},
    )
    number = forms.CharField(
        label=_("Card number"),
        strip=True,
        error_messages={"required": _("Enter the card number.")},
    )
    expiry = forms.CharField(
        label=_("Expiry date"),
        error_messages={"required": _("Enter the expiry date of the card.")},
    )
    cvc = forms.CharField(
        label=_("Security code (CVC)"),
        error_messages={"required": _("Enter the security code (CVC).")},
    )

    # The id of each field's input: where its error in the summary links to.
    FIELD_IDS = {
        "name": "card-name",
        "number": "card-number",
        "expiry": "card-expiry",
        "cvc": "card-cvc",
    }

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.outcome = None
        self.last4 = ""

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) > NAME_MAX_LENGTH:
            raise forms.ValidationError(
                _("The name on the card must be %(count)d characters or fewer."),
                params={"count": NAME_MAX_LENGTH},
            )
        return name

    def clean_number(self):
        number = re.sub(r"[\s-]", "", self.cleaned_data["number"])
        if not number.isascii() or not number.isdigit():
            raise forms.ValidationError(
                _("Enter the card number with digits only, for example 4242 4242 4242 4242.")
            )
        if not 12 <= len(number) <= 19 or not luhn_valid(number):
            raise forms.ValidationError(
                _("This card number is not valid. Check it and enter it again.")
            )
        self.outcome = outcome(number)
        if self.outcome is None:
            raise forms.ValidationError(
                _(
                    "This demonstration provider takes only the test cards listed on this page. "
                    "Never enter a real card number."
                )
            )
        self.last4 = number[-4:]
        return number

    def clean_expiry(self):
        value = self.cleaned_data["expiry"].strip()
        match = EXPIRY.match(value)
        if not match:
            raise forms.ValidationError(_("Enter the expiry date as MM/YY, for example 08/29."))
        month, year = (
            (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        )
        month, year = int(month), int(year)
        if year < 100:
            year += 2000
        if not 1 <= month <= 12:
            raise forms.ValidationError(_("The month of the expiry date must be from 01 to 12."))
        # A card is good until the end of its expiry month.
        if date(year, month, 1) < self.today.replace(day=1):
            raise forms.ValidationError(
                _("This card has expired. Check the expiry date or use another card.")
            )
        return f"{month:02d}/{year % 100:02d}"

    def clean_cvc(self):
        cvc = self.cleaned_data["cvc"].strip()
        if not (cvc.isascii() and cvc.isdigit() and 3 <= len(cvc) <= 4):
            raise forms.ValidationError(_("Enter the security code: 3 or 4 digits."))
        return cvc

    def decline(self):
        """The bank said no: tell the reader at the card number, the thing to change."""
        self.add_error("number", _("Your card was declined. Use another card."))

    def errors_in_order(self):
        """(field id, message) for the error summary, in the order of the fields."""
        found = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                found.append((self.FIELD_IDS[name], message))
        return found
