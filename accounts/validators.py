"""GCKey's rules for usernames and passwords, each broken rule with its own message."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

USERNAME_MIN, USERNAME_MAX, USERNAME_MAX_DIGITS = 8, 16, 7
PASSWORD_MIN, PASSWORD_MAX = 8, 16
USERNAME_RUN = 3
_LETTERS_AND_DIGITS = re.compile(r"[A-Za-z0-9]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def validate_username_length(value):
    if not USERNAME_MIN <= len(value) <= USERNAME_MAX:
        raise ValidationError(
            _("Your username must be %(min)d to %(max)d characters long.")
            % {"min": USERNAME_MIN, "max": USERNAME_MAX},
            code="username_length",
        )


def validate_username_characters(value):
    if not _LETTERS_AND_DIGITS.fullmatch(value):
        raise ValidationError(
            _(
                "Use only letters (A to Z) and numbers in your username: no spaces, accents or "
                "special characters."
            ),
            code="username_characters",
        )


def validate_username_digits(value):
    if sum(ch.isdigit() for ch in value) > USERNAME_MAX_DIGITS:
        raise ValidationError(
            _("Your username can contain at most %(max)d numbers.") % {"max": USERNAME_MAX_DIGITS},
            code="username_digits",
        )


# ACCOUNT_USERNAME_VALIDATORS names this list.
username_validators = [
    validate_username_length,
    validate_username_characters,
    validate_username_digits,
]


def shares_run_with(password, username, run=USERNAME_RUN):
    """True when ``password`` contains ``run`` or more consecutive characters of ``username``."""
    password, username = password.casefold(), username.casefold()
    return any(
        username[start : start + run] in password for start in range(len(username) - run + 1)
    )


class GCKeyPasswordValidator:
    """8–16 characters, an upper-case letter, a lower-case letter and a digit, nothing of the
    username. Reports every broken rule at once so the applicant can fix them together."""

    def validate(self, password, user=None):
        errors = []
        if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
            errors.append(
                ValidationError(
                    _("Your password must be %(min)d to %(max)d characters long.")
                    % {"min": PASSWORD_MIN, "max": PASSWORD_MAX},
                    code="password_length",
                )
            )
        checks = [
            (
                str.isupper,
                _("Your password must contain at least one upper-case letter."),
                "password_no_upper",
            ),
            (
                str.islower,
                _("Your password must contain at least one lower-case letter."),
                "password_no_lower",
            ),
            (
                str.isdigit,
                _("Your password must contain at least one number."),
                "password_no_digit",
            ),
        ]
        for test, message, code in checks:
            if not any(test(ch) for ch in password):
                errors.append(ValidationError(message, code=code))
        if _CONTROL.search(password):
            errors.append(
                ValidationError(
                    _("Your password contains characters that cannot be typed."),
                    code="password_control",
                )
            )
        username = getattr(user, "username", "") or ""
        if username and password.casefold() == username.casefold():
            errors.append(
                ValidationError(
                    _("Your password must not be the same as your username."),
                    code="password_is_username",
                )
            )
        elif username and shares_run_with(password, username):
            errors.append(
                ValidationError(
                    _(
                        "Your password must not contain %(run)d or more characters in a row "
                        "from your username."
                    )
                    % {"run": USERNAME_RUN},
                    code="password_username_run",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self):
        return gettext_lazy(
            "8 to 16 characters, with at least one upper-case letter, one lower-case letter and "
            "one number, and no 3 characters in a row from your username."
        )
