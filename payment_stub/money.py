"""Amounts as each language writes them: $1,234.56 in English, 1 234,56 $ in French."""

NBSP = "\u00a0"


def _grouped(dollars, separator):
    digits = str(dollars)
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return separator.join(groups)


def format_amount(cents, language):
    """``cents`` of a Canadian dollar, written for ``language`` (``"en"`` or ``"fr"``).

    French puts no-break spaces between groups of thousands and before the dollar sign, as
    Canada.ca does, so that an amount never breaks across lines.
    """
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(int(cents)), 100)
    if (language or "").startswith("fr"):
        return f"{sign}{_grouped(dollars, NBSP)},{rest:02d}{NBSP}$"
    return f"{sign}${_grouped(dollars, ',')}.{rest:02d}"
