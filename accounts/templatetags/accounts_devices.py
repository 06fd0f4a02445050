"""A device as an applicant recognises it: "Chrome on Windows", in the page's language."""

from django import template
from django.utils.translation import gettext as _

from accounts.services import coarse_user_agent

register = template.Library()


@register.filter
def device(value):
    """From a raw user-agent string or the coarse "Browser / System" kept in security events."""
    value = value or ""
    coarse = value if " / " in value or "/" not in value else coarse_user_agent(value)
    if " / " in coarse:
        browser, system = coarse.split(" / ", 1)
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return coarse or _("Unknown browser")
