"""The "Report a problem" checkboxes, as on Canada.ca (GCWeb) and the seed page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    BROKEN = "broken", _("A link, button or video is not working")
    SPELLING = "spelling", _("It has a spelling or grammar mistake")
    INCOMPLETE = "incomplete", _("Information is missing")
    OUTDATED = "outdated", _("Information is outdated or wrong")
    LOGIN = "login", _("Login error when trying to access an account")
    LOGIN_GCKEY = "login-gckey", _("GCKey access")
    LOGIN_PARTNER = "login-partner", _("Sign-In Partner access (banking credentials)")
    LOGIN_ACCESS_CODE = (
        "login-access-code",
        _(
            "Problem with the personal access code (PAC) or the Employment Insurance "
            "access code (AC)"
        ),
    )
    LOGIN_SIN = "login-sin", _("Problem validating the social insurance number (SIN)")
    LOGIN_OTHER = "login-other", _("Other login error not in this list")
    NOT_FOUND = "not-found", _("I can't find what I'm looking for")
    OTHER = "other", _("Other issue not in this list")


# Sub-options and the option they belong to: checking one implies its parent.
PARENTS = {
    Category.LOGIN_GCKEY: Category.LOGIN,
    Category.LOGIN_PARTNER: Category.LOGIN,
    Category.LOGIN_ACCESS_CODE: Category.LOGIN,
    Category.LOGIN_SIN: Category.LOGIN,
    Category.LOGIN_OTHER: Category.LOGIN,
}
TOP_LEVEL = [category for category in Category if category not in PARENTS]


def children_of(parent):
    return [child for child, each in PARENTS.items() if each == parent]


def with_parents(codes):
    """``codes`` plus the parents they imply, in display order."""
    chosen = set(codes) | {PARENTS[code] for code in codes if code in PARENTS}
    return [category.value for category in Category if category in chosen]
