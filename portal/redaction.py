"""Take personal information out of free text before it is stored.

The text is first normalised (NFKC: full-width digits become digits, non-breaking spaces become
spaces; every dash becomes "-"), then each kind of personal information is replaced by a marker
such as ``[redacted: sin]``. Markers are stored as these fixed tokens whatever the sender's
language, so staff can search for them; ``markers_localise`` shows them in the reader's language
(``[caviardé : NAS]`` on a French page).

The rules err towards redacting: after the named kinds, any remaining run of seven or more
digits (however it is spaced, dotted or slashed) is redacted as a number. A triager loses a
number now and then; an applicant never has theirs kept. Only what triage needs to find a file
is left: application numbers (one letter and nine digits), a UCI named as such, and dates.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

KINDS = {
    "email": _("email"),
    "card": _("card number"),
    "bank": _("bank account"),
    "sin": _("SIN"),
    "phone": _("phone"),
    "postal": _("postal code"),
    "passport": _("passport"),
    "number": _("number"),
}
MARKER = re.compile(r"\[redacted: (" + "|".join(KINDS) + r")\]")
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")


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


# A separator between digit groups: spaces (one or more), a dot, a slash or a dash.
_S = r"(?:[ .\-/]{1,3})"
# Not glued to a letter or a digit on either side ("E123456789" is an application number).
_B = r"(?<![\w@])"
_E = r"(?![\w@])"
AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|arobase)\s*[)\]}]\s*|\s+(?:at|arobase)\s+)"
DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|point)\s*[)\]}]\s*|\s+(?:dot|point)\s+)"
EMAIL = re.compile(
    r"(?i)[\w.!#$%&'*+/=?^`{|}~-]+" + AT + r"[\w-]+(?:" + DOT + r"[\w-]+)*" + DOT + r"[a-z]{2,}\b"
)
# Machine-readable zone lines of passports and travel documents.
MRZ = re.compile(r"(?i)[A-Z0-9<]{5,}<<[A-Z0-9<]{10,}")
CARD = re.compile(_B + r"\d(?:" + _S + r"?\d){12,18}" + _E)
BANK_CHEQUE = re.compile(_B + r"\d{5}[ -]\d{3}[ -]\d{7,12}" + _E)
BANK_WORDS = re.compile(
    r"(?i)\b(?:bank\s+account|account|acct|compte(?:\s+bancaire)?)"
    r"(?:\s*(?:number|no\.?|num(?:é|e)ro|n[°o]\.?|#))?\s*:?\s*(\d[\d .\-/]{5,22}\d)"
)
SIN = re.compile(_B + r"\d{3}" + _S + r"?\d{3}" + _S + r"?\d{3}" + _E)
SIN_WORDS = re.compile(
    r"(?i)\b(?:sin|nas|social\s+insurance(?:\s+number)?|num(?:é|e)ro\s+d.assurance\s+sociale)"
    r"\s*(?:number|no\.?|#|n[°o]\.?)?\s*:?\s*(\d[\d .\-/]{7,14}\d)"
)
# North American numbers, however written; French numbers (0X XX XX XX XX); 00 or + prefixes.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?1"
    + _S
    + r"?)?(?:\(\s*[2-9]\d{2}\s*\)|[2-9]\d{2})"
    + _S
    + r"?[2-9]\d{2}"
    + _S
    + r"?\d{4}(?:\s*(?:x|ext\.?|poste)\s*\d{1,6})?"
    + _E
)
PHONE_FR = re.compile(_B + r"0[1-9](?:" + _S + r"?\d{2}){4}" + _E)
PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)\s?[1-9]\d{0,2}(?:" + _S + r"?\d){6,13}" + _E)
POSTAL = re.compile(
    r"(?i)(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w-])"
)
PASSPORT = re.compile(r"(?i)(?<![\w-])[A-Z]{2}\s?\d{6}(?![\w-])")
PASSPORT_WORDS = re.compile(
    r"(?i)\b(?:passport|passeport)(?:\s*(?:number|no\.?|num(?:é|e)ro|n[°o]\.?|#))?\s*:?\s*"
    r"([A-Z0-9](?:[ -]?[A-Z0-9]){5,11})\b"
)
# What triage keeps: a UCI named as such, dates (2026-11-26, 26/11/2026, 2026.11.26).
UCI_WORDS = re.compile(r"(?i)\b(?:uci|iuc)\s*:?\s*(\d{2,4}(?:-?\d{2,4}){1,3})\b")
DATE = re.compile(r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\b")
# Whatever digits remain, seven or more in a run however spaced, are a number to hide.
DIGIT_RUN = re.compile(_B + r"\d(?:" + _S + r"?\d){6,}" + _E)


def _marker(kind):
    return f"[redacted: {kind}]"


def normalise(text):
    return unicodedata.normalize("NFKC", text or "").translate(DASHES)


def redact(text):
    """``text`` with personal information replaced by markers (language-neutral tokens)."""
    text = normalise(text)
    kept = {}

    def keep(match):
        token = f"\x00{len(kept)}\x00"
        kept[token] = match.group(0)
        return token

    def whole(kind, check=None):
        def replace(match):
            if check and not check(match.group(0)):
                return match.group(0)
            return _marker(kind)

        return replace

    def group(kind):
        def replace(match):
            start, end = match.span(1)
            offset = match.start(0)
            value = match.group(0)
            return value[: start - offset] + _marker(kind) + value[end - offset :]

        return replace

    text = EMAIL.sub(whole("email"), text)
    text = MRZ.sub(whole("passport"), text)
    text = UCI_WORDS.sub(keep, text)
    text = DATE.sub(keep, text)
    text = CARD.sub(whole("card", lambda s: luhn_ok(_digits(s))), text)
    text = BANK_CHEQUE.sub(whole("bank"), text)
    text = BANK_WORDS.sub(group("bank"), text)
    text = PASSPORT_WORDS.sub(group("passport"), text)
    text = SIN_WORDS.sub(group("sin"), text)
    text = SIN.sub(whole("sin", lambda s: luhn_ok(_digits(s))), text)
    text = PHONE.sub(whole("phone"), text)
    text = PHONE_FR.sub(whole("phone"), text)
    text = PHONE_INTL.sub(whole("phone"), text)
    text = POSTAL.sub(whole("postal"), text)
    text = PASSPORT.sub(whole("passport"), text)
    text = DIGIT_RUN.sub(whole("number"), text)
    for token, original in kept.items():
        text = text.replace(token, original)
    return text


def markers_localise(text, language):
    """Stored text with its markers in ``language``: ``[caviardé : NAS]`` in French."""

    def label(match):
        with override(language):
            kind = str(KINDS[match.group(1)])
            if language == "fr":
                return f"[caviardé : {kind}]"
            return f"[redacted: {kind}]"

    return MARKER.sub(label, text or "")
