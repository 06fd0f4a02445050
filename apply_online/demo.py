"""Demonstration forms, checklists and a draft (`seed_demo` calls `load()`).

The forms are data: `fixtures/online_forms.json` holds every section, question and checklist
item in both languages; this module only writes them to the database.
"""

import json
from pathlib import Path

from django.apps import apps as django_apps

from accounts.models import User
from applications.models import ApplicationType
from apply_online.groups import case_officer_group_ensure
from apply_online.models import ChecklistItem, Choice, Draft, FormSection, Question
from apply_online.services import draft_start

FIXTURE = Path(__file__).parent / "fixtures" / "online_forms.json"


def _translated(field, values):
    return {f"{field}_{language}": value for language, value in values.items()}


def forms_load(data):
    """Write the types, forms and checklists of ``data`` (the fixture's shape)."""
    for spec in data["types"]:
        application_type, _ = ApplicationType.objects.update_or_create(
            code=spec["code"],
            defaults={
                **_translated("name", spec["name"]),
                "online": True,
                "fee": spec["fee"],
                "number_letter": spec["letter"],
            },
        )
        FormSection.objects.filter(type=application_type).delete()
        for position, key in enumerate(spec["sections"], start=1):
            section_spec = data["sections"][key]
            section = FormSection.objects.create(
                type=application_type,
                position=position,
                **_translated("title", section_spec["title"]),
                **_translated("intro", section_spec.get("intro", {"en": "", "fr": ""})),
            )
            for number, question_spec in enumerate(section_spec["questions"], start=1):
                question = Question.objects.create(
                    section=section,
                    position=number,
                    name=question_spec["name"],
                    kind=question_spec["kind"],
                    required=question_spec["required"],
                    max_length=question_spec["max_length"],
                    **_translated("label", question_spec["label"]),
                    **_translated(
                        "help_text", question_spec.get("help_text", {"en": "", "fr": ""})
                    ),
                )
                for order, choice in enumerate(question_spec.get("choices", []), start=1):
                    Choice.objects.create(
                        question=question,
                        position=order,
                        value=choice["value"],
                        **_translated("label", choice["label"]),
                    )
        for position, item_spec in enumerate(spec["checklist"], start=1):
            ChecklistItem.objects.update_or_create(
                type=application_type,
                code=item_spec["code"],
                defaults={
                    "position": position,
                    "required": item_spec["required"],
                    "when_question": item_spec.get("when_question", ""),
                    "when_answer": item_spec.get("when_answer", ""),
                    **_translated("name", item_spec["name"]),
                    **_translated("help_text", item_spec.get("help_text", {"en": "", "fr": ""})),
                },
            )
    return len(data["types"])


def load():
    case_officer_group_ensure(django_apps)
    count = forms_load(json.loads(FIXTURE.read_text(encoding="utf-8")))
    applicant = User.objects.filter(username="demoapplicant").first()
    drafts = 0
    if applicant is not None and not Draft.objects.filter(account=applicant).exists():
        draft = draft_start(
            user=applicant,
            application_type=ApplicationType.objects.get(code="transit-visa"),
            eligibility={
                "passport_valid": "yes",
                "purpose": "transit",
                "minor": "no",
                "criminal_record": "no",
            },
        )
        drafts = 1 if draft else 0
    return f"{count} types to apply for online, {drafts} draft"
