"""Demonstration applications, messages and a case officer (`seed_demo` calls `load()`)."""

import io
from datetime import date, timedelta

import pikepdf
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.demo import account_load
from accounts.models import User
from applications.groups import case_officer_group_ensure
from applications.models import Application, ApplicationType, Message, Step

TYPES = [
    ("study-permit", "Study permit", "Permis d’études"),
    ("work-permit", "Work permit", "Permis de travail"),
    ("visitor-visa", "Visitor visa", "Visa de visiteur"),
    ("permanent-residence", "Permanent residence", "Résidence permanente"),
    ("citizenship", "Citizenship grant", "Attribution de la citoyenneté"),
]

S = Step.State
EARLY = {"eligibility": S.IN_PROGRESS}
MIDDLE = {
    "eligibility": S.COMPLETED,
    "medical": S.COMPLETED,
    "documents": S.IN_PROGRESS,
    "interview": S.NOT_APPLICABLE,
    "biometrics": S.IN_PROGRESS,
    "background": S.IN_PROGRESS,
}
DONE = dict.fromkeys(Step.Kind.values, S.COMPLETED) | {"interview": S.NOT_APPLICABLE}

# number, uci, type, received (days ago), family, given, birth, status, steps, linked to the demo
APPLICATIONS = [
    (
        "W100000001",
        "11223344",
        "work-permit",
        40,
        "Tremblay",
        "Alex",
        date(1990, 3, 25),
        "in_progress",
        MIDDLE,
        True,
    ),
    (
        "S100000002",
        "1122334455",
        "study-permit",
        400,
        "Tremblay",
        "Alex",
        date(1990, 3, 25),
        "decision_made",
        DONE,
        True,
    ),
    (
        "V100000003",
        "11223344",
        "visitor-visa",
        5,
        "Tremblay",
        "Alex",
        date(1990, 3, 25),
        "submitted",
        EARLY,
        True,
    ),
    (
        "E123456789",
        "11223344",
        "permanent-residence",
        20,
        "Tremblay",
        "Alex",
        date(1990, 3, 25),
        "in_progress",
        EARLY,
        False,
    ),
    (
        "C200000001",
        "22334455",
        "citizenship",
        90,
        "Côté",
        "Marie-Ève",
        date(1975, 1, 9),
        "in_progress",
        MIDDLE,
        False,
    ),
    (
        "W200000002",
        "33445566",
        "work-permit",
        12,
        "Nguyen",
        "Linh",
        date(1993, 8, 30),
        "submitted",
        {},
        False,
    ),
    (
        "S200000003",
        "44556677",
        "study-permit",
        60,
        "Okafor",
        "Chidi",
        date(2004, 5, 17),
        "in_progress",
        MIDDLE,
        False,
    ),
    (
        "V200000004",
        "55667788",
        "visitor-visa",
        200,
        "García",
        "Lucía",
        date(1961, 12, 2),
        "decision_made",
        DONE,
        False,
    ),
    (
        "P200000005",
        "66778899",
        "permanent-residence",
        300,
        "Singh",
        "Harpreet",
        date(1988, 4, 4),
        "in_progress",
        MIDDLE,
        False,
    ),
    (
        "W200000006",
        "77889900",
        "work-permit",
        3,
        "Dubois",
        "Jean",
        date(1979, 10, 21),
        "submitted",
        {},
        False,
    ),
    (
        "S200000007",
        "88990011",
        "study-permit",
        25,
        "Haddad",
        "Rami",
        date(2003, 2, 14),
        "in_progress",
        EARLY,
        False,
    ),
    (
        "C200000008",
        "99001122",
        "citizenship",
        500,
        "Kowalski",
        "Anna",
        date(1968, 7, 7),
        "decision_made",
        DONE,
        False,
    ),
]

MESSAGES = [
    (
        "W100000001",
        "We need more documents",
        "Nous avons besoin d’autres documents",
        "Please upload a copy of your job offer letter within 30 days.",
        "Veuillez téléverser une copie de votre lettre d’offre d’emploi dans les 30 jours.",
        False,
    ),
    (
        "W100000001",
        "We received your application",
        "Nous avons reçu votre demande",
        "We received your work permit application. We will contact you if we need anything else.",
        "Nous avons reçu votre demande de permis de travail. Nous communiquerons avec vous si nous "
        "avons besoin d’autre chose.",
        True,
    ),
    (
        "S100000002",
        "Decision on your application",
        "Décision concernant votre demande",
        "Your study permit application was approved. Your letter of introduction is attached to "
        "this message in your account.",
        "Votre demande de permis d’études a été approuvée. Votre lettre d’introduction est jointe à "
        "ce message dans votre compte.",
        True,
    ),
]

# The applicant may answer this message (by its English subject) ...
REPLIES_ALLOWED = {"We received your application"}
# ... and this one comes with a letter: (file name shown, the letter's titles).
LETTERS = {
    "Decision on your application": (
        "Letter of introduction.pdf",
        ["Letter of introduction (demonstration)", "Lettre d’introduction (démonstration)"],
    )
}


def letter_pdf(titles):
    """A one-page PDF made here (pikepdf), so the demo needs no file of its own."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    lines = [
        "Immigration, Refugees and Citizenship Canada",
        *titles,
        "This letter is made up for the demonstration portal.",
    ]
    escaped = (line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines)
    text = " ".join(f"({line}) Tj 0 -24 Td" for line in escaped)
    # WinAnsiEncoding is Windows-1252: accents and ’ as the font draws them.
    page.Contents = pdf.make_stream(f"BT /F1 14 Tf 72 720 Td {text} ET".encode("cp1252"))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def letter_attach(message, name, titles):
    content = ContentFile(letter_pdf(titles), name="letter.pdf")
    message.letter_name = name
    message.letter_size = content.size
    message.letter.save("letter.pdf", content, save=False)
    message.save(update_fields=["letter", "letter_name", "letter_size"])


CASE_OFFICER = {
    "username": "democaseofficer",
    "password": "Cedar2026Desk",
    "totp_secret": "UHWZU3NWYHGVE6YOWDBJ6MP6GLZUQVAV",
    "email": "democaseofficer@example.com",
    "given_names": "Jordan",
    "family_name": "Leblanc",
    "date_of_birth": date(1982, 9, 3),
    "preferred_language": "en",
    "is_staff": True,
    "groups": ["case officer"],
}


def load():
    case_officer_group_ensure(django_apps)
    account_load(CASE_OFFICER)
    for code, name_en, name_fr in TYPES:
        ApplicationType.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_fr": name_fr}
        )
    types = {t.code: t for t in ApplicationType.objects.all()}
    demo = User.objects.filter(username="demoapplicant").first()
    today = timezone.localdate()
    for number, uci, kind, days, family, given, birth, status, steps, linked in APPLICATIONS:
        application, _ = Application.objects.update_or_create(
            number=number,
            defaults={
                "uci": uci,
                "type": types[kind],
                "received_on": today - timedelta(days=days),
                "family_name": family,
                "given_names": given,
                "date_of_birth": birth,
                "status": status,
                "account": demo if linked else None,
                "linked_at": timezone.now() if linked else None,
            },
        )
        for step_kind in Step.Kind.values:
            state = steps.get(step_kind, S.NOT_STARTED)
            Step.objects.update_or_create(
                application=application,
                kind=step_kind,
                defaults={"state": state, "updated_on": None if state == S.NOT_STARTED else today},
            )
    Message.objects.filter(application__number__in={m[0] for m in MESSAGES}).delete()
    for number, subject_en, subject_fr, body_en, body_fr, read in MESSAGES:
        message = Message.objects.create(
            application=Application.objects.get(number=number),
            subject_en=subject_en,
            subject_fr=subject_fr,
            body_en=body_en,
            body_fr=body_fr,
            read_at=timezone.now() if read else None,
            allows_reply=subject_en in REPLIES_ALLOWED,
        )
        if subject_en in LETTERS:
            letter_attach(message, *LETTERS[subject_en])
    return f"{len(APPLICATIONS)} applications, {len(MESSAGES)} messages, 1 case officer"
