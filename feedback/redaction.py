"""Take personal information out of free text before it is stored.

Each pattern is replaced by a marker such as ``[redacted: phone]``. Patterns err towards
redacting: a triager loses a number now and then, an applicant never has theirs kept. Numbers
the portal itself uses to find a file (application numbers: one letter and nine digits; UCIs)
are left alone, since a triager needs them.
"""

import re

# Markers are fixed tokens, the same whatever the sender's language, so that staff can search
# for them in the admin.
KINDS = ("email", "card", "bank", "sin", "phone", "postal", "passport")


def luhn_ok(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits(text):
    return re.sub(r"\D", "", text)


# Not preceded or followed by a letter or digit: "E123456789" is an application number.
_B = r"(?<![\w@.-])"
_E = r"(?![\w@-])"

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 13 to 19 digits, grouped or not; kept only if the Luhn check passes.
CARD = re.compile(_B + r"\d(?:[ -]?\d){12,18}" + _E)
# Canadian cheque format: transit (5) - institution (3) - account (7 to 12).
BANK_CHEQUE = re.compile(_B + r"\d{5}[ -]\d{3}[ -]\d{7,12}" + _E)
# An account number announced as such, in either language.
BANK_WORDS = re.compile(
    r"(?i)\b(?:bank\s+account|account|acct|compte(?:\s+bancaire)?)"
    r"(?:\s*(?:number|no\.?|num(?:é|e)ro|n[°o]\.?|#))?\s*:?\s*(\d[\d -]{5,18}\d)"
)
# Nine digits, as one block or 3-3-3; kept only if the Luhn check passes (all SINs do).
SIN = re.compile(_B + r"\d{3}([ -]?)\d{3}\1\d{3}" + _E)
# North American numbers: area code and exchange start with 2-9; optional +1 and extension.
PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\s*[2-9]\d{2}\s*\)|[2-9]\d{2})[ .-]?[2-9]\d{2}[ .-]?\d{4}"
    r"(?:\s*(?:x|ext\.?|poste)\s*\d{1,6})?(?![\w-])"
)
# Other countries' numbers written with their + prefix.
PHONE_INTL = re.compile(r"(?<![\w+])\+(?:[2-9]\d{0,2})(?:[ .-]?\d){6,12}(?![\w-])")
POSTAL = re.compile(
    r"(?i)(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w-])"
)
# Canadian passports: two letters and six digits; any number after the word "passport".
PASSPORT = re.compile(r"(?<![\w-])[A-Z]{2}\d{6}(?![\w-])")
PASSPORT_WORDS = re.compile(
    r"(?i)\b(?:passport|passeport)(?:\s*(?:number|no\.?|num(?:é|e)ro|n[°o]\.?|#))?\s*:?\s*"
    r"([A-Z0-9]{6,9})\b"
)


def _marker(kind):
    return f"[redacted: {kind}]"


def redact(text):
    """``text`` with personal information replaced by markers."""

    def whole(kind, check=None):
        def replace(match):
            if check and not check(match.group(0)):
                return match.group(0)
            return _marker(kind)

        return replace

    def group(kind):
        def replace(match):
            start, end = match.span(1)
            whole_start = match.start(0)
            value = match.group(0)
            return value[: start - whole_start] + _marker(kind) + value[end - whole_start :]

        return replace

    text = EMAIL.sub(whole("email"), text)
    text = CARD.sub(whole("card", lambda s: luhn_ok(_digits(s))), text)
    text = BANK_CHEQUE.sub(whole("bank"), text)
    text = BANK_WORDS.sub(group("bank"), text)
    text = PASSPORT_WORDS.sub(group("passport"), text)
    text = SIN.sub(whole("sin", lambda s: luhn_ok(_digits(s))), text)
    text = PHONE.sub(whole("phone"), text)
    text = PHONE_INTL.sub(whole("phone"), text)
    text = POSTAL.sub(whole("postal"), text)
    text = PASSPORT.sub(whole("passport"), text)
    return text
