"""Each pattern, with what it must catch and what it must leave alone, in both languages."""

import pytest

from feedback.redaction import redact

REDACTED = [
    # SIN: nine digits, grouped or not, that pass the Luhn check.
    ("sin", "My SIN is 046 454 286.", "My SIN is [redacted: sin]."),
    ("sin", "Mon NAS : 046-454-286", "Mon NAS : [redacted: sin]"),
    ("sin", "NAS 046454286 refusé", "NAS [redacted: sin] refusé"),
    # Phone numbers, North American and international.
    ("phone", "Call 613-555-0199 please", "Call [redacted: phone] please"),
    ("phone", "Appelez au (514) 555 0123 poste 22", "Appelez au [redacted: phone]"),
    ("phone", "tel +1 416.555.0100", "tel [redacted: phone]"),
    ("phone", "cell 6135550199", "cell [redacted: phone]"),
    ("phone", "au +33 1 23 45 67 89", "au [redacted: phone]"),
    # Canadian postal codes, with or without the space, any case.
    ("postal", "I live at K1A 0B1.", "I live at [redacted: postal]."),
    ("postal", "code postal h2x1y4", "code postal [redacted: postal]"),
    # Passports: Canadian format, or any number named as one.
    ("passport", "passport AB123456", "passport [redacted: passport]"),
    ("passport", "Numéro de passeport : X1234567", "Numéro de passeport : [redacted: passport]"),
    (
        "passport",
        "mon passeport no GA302922 expire",
        "mon passeport no [redacted: passport] expire",
    ),
    # Card numbers that pass the Luhn check.
    ("card", "card 4111 1111 1111 1111 declined", "card [redacted: card] declined"),
    ("card", "carte 5555-5555-5555-4444", "carte [redacted: card]"),
    # Bank accounts: cheque format, or a number named as an account.
    ("bank", "deposit to 12345-003-1234567", "deposit to [redacted: bank]"),
    ("bank", "compte bancaire : 7654321", "compte bancaire : [redacted: bank]"),
    ("bank", "account no. 0012345678", "account no. [redacted: bank]"),
    # Email addresses.
    ("email", "write to jane.doe+ircc@example.ca", "write to [redacted: email]"),
    ("email", "écrivez à marie@exemple.qc.ca.", "écrivez à [redacted: email]."),
]

KEPT = [
    # The numbers triage needs: application numbers and UCIs.
    "My application E123456789 is stuck",
    "Ma demande F000123456 est bloquée",
    "UCI 1234-5678",
    "IUC 12-3456-7890",
    # Nine digits that fail the Luhn check are not a SIN.
    "error code 123456789",
    # Dates, times, amounts and counts.
    "On 2026-11-26 at 10:45 I paid $1,085.00",
    "Le 26/11/2026 à 10 h 45, j'ai payé 1 085,00 $",
    "page 3 of 12, step 4",
    # Sixteen digits that fail the Luhn check are not a card.
    "order 1234 5678 9012 3456",
    # Words that look like codes.
    "The K1A button and the H2X menu",
    "GCKey error AB12",
    "Sign-In Partner erreur 5000",
    # A phone-like number whose exchange starts with 1 is not a NANP phone.
    "ticket 613 155 0199",
]


@pytest.mark.parametrize(("kind", "text", "expected"), REDACTED)
def test_personal_information_is_replaced_by_a_marker(kind, text, expected):
    assert redact(text) == expected
    assert f"[redacted: {kind}]" in redact(text)


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_and_case_numbers_are_kept(text):
    assert redact(text) == text


def test_several_kinds_in_one_description():
    text = "SIN 046 454 286, phone 613-555-0199, K1A 0B1, me@example.com"
    assert redact(text) == (
        "SIN [redacted: sin], phone [redacted: phone], [redacted: postal], [redacted: email]"
    )
