"""The redactor against everyday writing, in English and French: what it must hide, what it keeps.

Each REDACTED row gives the text and the kinds of markers expected; the test also checks that no
digit of the secret survives. KEPT rows must come back unchanged.
"""

import re

import pytest

from portal.redaction import markers_localise, redact

REDACTED = [
    # SINs: grouped, mixed separators, full-width digits, labelled, non-breaking spaces.
    ("My SIN is 046 454 286.", ["sin"]),
    ("Mon NAS : 046-454-286", ["sin"]),
    ("NAS 046454286 refusé", ["sin"]),
    ("sin 046.454.286", ["sin"]),
    ("SIN: 046-454 286", ["sin"]),
    ("NAS 046/454/286", ["sin"]),
    ("nas ０４６４５４２８６", ["sin"]),
    ("SIN 046\u00a0454\u00a0286", ["sin"]),
    ("SIN 046\u2011454\u2011286", ["sin"]),
    ("social insurance number 046 454 286", ["sin"]),
    ("numéro d'assurance sociale 046454286", ["sin"]),
    ("my SIN might be 123 456 789", ["number"]),  # fails Luhn: hidden all the same
    ("NAS : 987-654-321 (je crois)", ["sin"]),
    # Phone numbers: North American, French, international, however written.
    ("Call 613-555-0199 please", ["phone"]),
    ("Appelez au (514) 555 0123 poste 22", ["phone"]),
    ("tel +1 416.555.0100", ["phone"]),
    ("cell 6135550199", ["phone"]),
    ("au +33 1 23 45 67 89", ["phone"]),
    ("phone 613.555.0199", ["phone"]),
    ("phone 613/555/0199", ["phone"]),
    ("phone 613  555  0199", ["phone"]),
    ("tél. 06 12 34 56 78", ["phone"]),
    ("tél 01.23.45.67.89", ["phone"]),
    ("appelez le 0612345678", ["phone"]),
    ("call 0044 20 7946 0958", ["phone"]),
    ("0033 6 12 34 56 78 après 17 h", ["phone"]),
    ("phone 613\u2013555\u20130199", ["phone"]),
    ("phone 613\u2212555\u22120199", ["phone"]),
    ("téléphone ６１３-５５５-０１９９", ["phone"]),
    ("call me at 1-800-555-0100 ext 45", ["phone"]),
    ("+44 20 7946 0958", ["phone"]),
    ("mon cellulaire : 438 555 0147", ["phone"]),
    ("+1 (613) 555-0199", ["phone"]),
    ("00 1 613 555 0199", ["phone"]),
    # Postal codes.
    ("I live at K1A 0B1.", ["postal"]),
    ("code postal h2x1y4", ["postal"]),
    ("postal code M5V-3L9", ["postal"]),
    ("J'habite au G1R 4P5, Québec", ["postal"]),
    # Passports: Canadian format in any case or with a space, labelled, MRZ lines.
    ("passport AB123456", ["passport"]),
    ("Numéro de passeport : X1234567", ["passport"]),
    ("mon passeport no GA302922 expire", ["passport"]),
    ("passport ab123456", ["passport"]),
    ("passport AB 123456", ["passport"]),
    ("my passport number is ga302922", ["passport"]),
    ("passeport n° X 123 4567", ["passport"]),
    ("passport #: 533380006", ["passport"]),
    ("P<CANMARTIN<<SARAH<<<<<<<<<<<<<<<<<<<<<<<<<<", ["passport"]),
    ("AB1234567<CAN8001014F2501017<<<<<<<<<<<<<<06", ["passport"]),
    ("the document says ZE000509", ["passport"]),
    # Card numbers.
    ("card 4111 1111 1111 1111 declined", ["card"]),
    ("carte 5555-5555-5555-4444", ["card"]),
    ("card 4111.1111.1111.1111", ["card"]),
    ("carte ４１１１ １１１１ １１１１ １１１１", ["card"]),
    ("Visa 4012888888881881 refusée", ["card"]),
    ("amex 3782 822463 10005", ["card"]),
    # Bank accounts.
    ("deposit to 12345-003-1234567", ["bank"]),
    ("compte bancaire : 7654321", ["bank"]),
    ("account no. 0012345678", ["bank"]),
    ("bank account 12.345.678", ["bank"]),
    ("mon compte # 123 4567", ["bank"]),
    # Email addresses, plain or disguised.
    ("write to jane.doe+ircc@example.ca", ["email"]),
    ("écrivez à marie@exemple.qc.ca.", ["email"]),
    ("jane @ example.com", ["email"]),
    ("jane(at)example.com", ["email"]),
    ("jane [at] example [dot] com", ["email"]),
    ("marie (arobase) exemple (point) ca", ["email"]),
    ("JANE.DOE@EXAMPLE.CA", ["email"]),
    ("jane at example dot com", ["email"]),
    ("courriel : paul.tremblay@courriel.gouv.qc.ca", ["email"]),
    # Any other long run of digits: over-redaction rather than a leak.
    ("error code 123456789", ["number"]),
    ("order 1234 5678 9012 3456", ["number"]),
    ("ticket 613 155 0199", ["number"]),
    ("my health card 1234-567-890", ["number"]),
    ("permis de conduire T1234-56789-01234", ["number"]),
    ("client 00 12 34 56 78", ["phone"]),  # a 00 prefix reads as an international call
    ("reference 12.34.56.78", ["number"]),
    ("numéro 9876543", ["number"]),
    ("ID ７６５４３２１０", ["number"]),
    ("code 12/34/567", ["number"]),
    # Several kinds in one text.
    ("SIN 046 454 286, tel 613-555-0199, K1A 0B1, a@b.ca", ["sin", "phone", "postal", "email"]),
    ("NAS 046454286 et téléphone 06 12 34 56 78", ["sin", "phone"]),
    ("passport AB123456 and card 4111 1111 1111 1111", ["passport", "card"]),
]  # fmt: skip

KEPT = [
    # The numbers triage needs: application numbers and UCIs named as such.
    "My application E123456789 is stuck",
    "Ma demande F000123456 est bloquée",
    "UCI 1234-5678",
    "IUC 12-3456-7890",
    "my uci: 12345678",
    "application w123456789 (lower case)",
    # Dates, times, amounts and counts.
    "On 2026-11-26 at 10:45 I paid $1,085.00",
    "Le 26/11/2026 à 10 h 45, j'ai payé 1 085,00 $",
    "page 3 of 12, step 4",
    "since 2026.11.26",
    "entre le 2026-12-01 et le 2026-12-05",
    "it took 45 minutes",
    "frais de 85 $ payés",
    "fee $1,325",
    "version 2.4.1",
    "error 404",
    "erreur 500 à 14 h 02",
    # Words that look like codes.
    "The K1A button and the H2X menu",
    "GCKey error AB12",
    "Sign-In Partner erreur 5000",
    "Form IMM 5257",
    "formulaire IMM 1294",
    "six-digit code from my app",
    "le code à 6 chiffres ne marche pas",
    "I tried 3 times",
    "J'ai essayé 5 fois",
    # Ordinary sentences in both languages.
    "I can't sign in with my GCKey.",
    "Je ne peux pas ouvrir une session avec ma CléGC.",
    "The page shows an error after I upload a document.",
    "La page affiche une erreur après le téléversement.",
    "Where do I find my personal reference code?",
    "Où est mon code de référence personnel ?",
    "Two-step verification keeps failing.",
    "La vérification en deux étapes échoue toujours.",
    "My bank's sign-in page was blank.",
    "at the end of the form",
    "I sent an email yesterday",
]


@pytest.mark.parametrize(("text", "kinds"), REDACTED, ids=[text for text, _ in REDACTED])
def test_personal_information_is_replaced_by_a_marker(text, kinds):
    redacted = redact(text)
    assert sorted(set(re.findall(r"\[redacted: (\w+)\]", redacted))) == sorted(set(kinds))
    # No digit run of the original survives outside the markers.
    remaining = re.sub(r"\[redacted: \w+\]", "", redacted)
    assert not re.search(r"\d[\d .\-/]{5,}\d", remaining), redacted


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_and_case_numbers_are_kept(text):
    assert redact(text) == text


def test_the_table_is_as_large_as_the_audit_asks():
    assert len(REDACTED) + len(KEPT) >= 100


def test_several_kinds_in_one_description():
    text = "SIN 046 454 286, phone 613-555-0199, K1A 0B1, me@example.com"
    assert redact(text) == (
        "SIN [redacted: sin], phone [redacted: phone], [redacted: postal], [redacted: email]"
    )


def test_markers_are_shown_in_the_readers_language():
    stored = redact("NAS 046 454 286, tél. 06 12 34 56 78")
    assert markers_localise(stored, "fr") == "NAS [caviardé : NAS], tél. [caviardé : téléphone]"
    assert markers_localise(stored, "en") == "NAS [redacted: SIN], tél. [redacted: phone]"


def test_markers_a_sender_typed_are_left_as_text():
    assert markers_localise("[redacted: nonsense]", "fr") == "[redacted: nonsense]"
