"""The "Find out if you can apply" questionnaires: one question per page, answers in the session.

A small declarative definition (checked by tests/apply_online/test_eligibility.py): each
programme asks its questions in order; an answer may end the questionnaire as not eligible
(with the reason), and the last answers choose the application type. Answers whose name is also
a question of that type's form pre-fill the draft, and checklist items may depend on them.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

YES, NO = "yes", "no"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]


@dataclass(frozen=True)
class Ask:
    name: str
    label: object
    choices: list = field(default_factory=lambda: YES_NO)
    help_text: object = ""
    # answer -> why the person cannot apply online with that answer
    stops: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Programme:
    code: str
    slugs: dict  # language -> URL slug
    title: object
    summary: object
    questions: list
    # (question name, answer, type code) rules, first match wins; then ``default_type``.
    routes: list
    default_type: str

    def type_for(self, answers):
        for name, answer, type_code in self.routes:
            if answers.get(name) == answer:
                return type_code
        return self.default_type

    def stop_reason(self, answers):
        for ask in self.questions:
            if answers.get(ask.name) in ask.stops:
                return ask.stops[answers[ask.name]]
        return None


PROGRAMMES = [
    Programme(
        code="visit",
        slugs={"en": "visit", "fr": "visiter"},
        title=_("Visit Canada"),
        summary=_("For tourism, to see family or friends, for business, or to pass through."),
        questions=[
            Ask(
                "passport_valid",
                _("Do you have a valid passport for the whole length of your trip?"),
                stops={NO: _("You need a valid passport to apply. Renew your passport first.")},
            ),
            Ask(
                "purpose",
                _("What is the main reason for your trip?"),
                choices=[
                    ("tourism", _("Tourism")),
                    ("family", _("Visit family or friends")),
                    ("business", _("Business meetings")),
                    ("transit", _("Pass through a Canadian airport in less than 48 hours")),
                ],
            ),
            Ask(
                "minor",
                _("Are you under 18 years of age?"),
                help_text=_("Children travelling alone or with one parent need a consent letter."),
            ),
            Ask(
                "criminal_record",
                _("Have you ever been convicted of a crime in any country?"),
                help_text=_("You may still be able to apply: you will need to send court records."),
            ),
        ],
        routes=[("purpose", "transit", "transit-visa")],
        default_type="visitor-visa",
    ),
    Programme(
        code="study",
        slugs={"en": "study", "fr": "etudier"},
        title=_("Study in Canada"),
        summary=_("For a program at a designated learning institution."),
        questions=[
            Ask(
                "acceptance_letter",
                _("Do you have a letter of acceptance from a designated learning institution?"),
                stops={NO: _("You need a letter of acceptance from a school before you apply.")},
            ),
            Ask(
                "long_program",
                _("Does your program last more than 6 months?"),
                stops={NO: _("You do not need a study permit for a program of 6 months or less.")},
            ),
            Ask(
                "enough_money",
                _("Can you show that you have enough money for your tuition and living costs?"),
                stops={NO: _("You must show that you can support yourself while you study.")},
            ),
            Ask("quebec", _("Will you study in Quebec?")),
        ],
        routes=[],
        default_type="study-permit",
    ),
    Programme(
        code="work-extension",
        slugs={"en": "extend-work-permit", "fr": "prolonger-permis-travail"},
        title=_("Extend your work permit"),
        summary=_("If you are in Canada and want to keep working after your permit ends."),
        questions=[
            Ask(
                "in_canada_with_permit",
                _("Are you in Canada now with a work permit?"),
                stops={NO: _("You can extend a work permit only from inside Canada.")},
            ),
            Ask(
                "permit_expired",
                _("Has your work permit already expired?"),
                stops={
                    YES: _(
                        "You cannot extend an expired permit. You may be able to restore your "
                        "status instead."
                    )
                },
            ),
            Ask(
                "job_offer",
                _("Do you have a new job offer or employment contract?"),
                help_text=_("If you do, you will upload it with your application."),
            ),
        ],
        routes=[],
        default_type="work-permit-extension",
    ),
]
BY_CODE = {programme.code: programme for programme in PROGRAMMES}


def programme_for_slug(slug):
    return next((p for p in PROGRAMMES if slug in p.slugs.values()), None)


class QuestionForm(forms.Form):
    def __init__(self, *args, ask, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"] = forms.ChoiceField(
            label=ask.label,
            help_text=ask.help_text,
            choices=ask.choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose an answer.")},
        )
