"""The fictional banks of the demonstration broker."""

from django.utils.translation import gettext_lazy as _

BANKS = {
    "maple": _("Maple Demo Bank"),
    "northern": _("Northern Lights Demo Credit Union"),
    "prairie": _("Prairie Demo Trust"),
}
