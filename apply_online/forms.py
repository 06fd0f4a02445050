"""Django forms built from a section's questions: each question kind is a form field.

Names in Latin letters accept what passports print (accents, apostrophes, hyphens, spaces);
a name in another alphabet has its own field, as IRCC's forms do.
"""

import re
import unicodedata

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from applications.services import normalize_name
from apply_online.models import Question
from portal.upload_fields import DocumentFilesForm

DATE_FORMAT = "%Y-%m-%d"
_DATE_HELP = _("Format: YYYY-MM-DD.")
_PHONE = RegexValidator(
    r"^\+?[0-9 ().-]{7,20}$",
    _("Enter a telephone number with its country code, for example +1 613 555 0123."),
)


def _latin_name(value):
    """Letters of the Latin alphabet, with accents, apostrophes, hyphens and spaces."""
    for ch in value:
        if ch in " -'’.":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            raise forms.ValidationError(
                _(
                    "Use letters of the Latin alphabet (accents, apostrophes and hyphens are "
                    "fine). Write a name in another alphabet in the field for it."
                ),
                code="latin",
            )


class NameField(forms.CharField):
    def clean(self, value):
        value = " ".join((value or "").split()).replace("’", "'")
        value = super().clean(value)
        if value:
            _latin_name(value)
        return value


class DateField(forms.DateField):
    def __init__(self, *, when=None, **kwargs):
        self.when = when
        super().__init__(
            input_formats=[DATE_FORMAT],
            error_messages={"invalid": _("Enter a real date in the format YYYY-MM-DD.")},
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        today = timezone.localdate()
        if value and self.when == "past" and value > today:
            raise forms.ValidationError(_("This date must be in the past."), code="future")
        if value and self.when == "future" and value < today:
            raise forms.ValidationError(_("This date must be today or later."), code="past")
        return value


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def question_field(question):
    """The form field that asks ``question``."""
    K = Question.Kind
    common = {
        "label": question.label,
        # Staff write hints in the admin; the site's field template shows hints as HTML.
        "help_text": escape(question.help_text),
        "required": question.required,
    }
    match question.kind:
        case K.TEXT:
            return forms.CharField(max_length=question.max_length, **common)
        case K.LONG_TEXT:
            return forms.CharField(
                max_length=question.max_length, widget=forms.Textarea(attrs={"rows": 5}), **common
            )
        case K.NAME:
            return NameField(max_length=question.max_length, **common)
        case K.NAME_NATIVE:
            return forms.CharField(max_length=question.max_length, **common)
        case K.DATE | K.PAST_DATE | K.FUTURE_DATE:
            when = {K.PAST_DATE: "past", K.FUTURE_DATE: "future"}.get(question.kind)
            common["help_text"] = " ".join(filter(None, [common["help_text"], str(_DATE_HELP)]))
            return DateField(when=when, **common)
        case K.EMAIL:
            return forms.EmailField(
                max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}), **common
            )
        case K.PHONE:
            return forms.CharField(
                max_length=20,
                validators=[_PHONE],
                widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
                **common,
            )
        case K.CHOICE:
            return forms.ChoiceField(
                choices=[(c.value, c.label) for c in question.choices.all()],
                widget=forms.RadioSelect,
                **common,
            )
        case K.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        case K.NUMBER:
            return forms.IntegerField(min_value=0, max_value=10_000, **common)
        case K.DECLARATION:
            return forms.BooleanField(**common)
    raise ValueError(f"unknown question kind {question.kind!r}")


class SectionForm(forms.Form):
    """The questions of one section. Answers are kept as typed: see ``typed_answers``."""

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        for question in section.questions.all():
            self.fields[question.name] = question_field(question)

    def typed_answers(self):
        """What the applicant typed, field by field, to keep whatever the form says of it."""
        typed = {}
        for name, field in self.fields.items():
            value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if isinstance(field, forms.BooleanField):
                value = "on" if value else ""
            typed[name] = "" if value is None else str(value)[:2000]
        return typed


def section_form(section, *, answers, data=None):
    """The form of ``section``: bound to ``data`` when posted (or checked), else showing the
    saved answers."""
    if data is not None:
        return SectionForm(data, section=section)
    return SectionForm(initial=answers, section=section)


def answer_display(question, value):
    """An answer as the review page and the summary show it."""
    if value in ("", None):
        return ""
    if question.kind == Question.Kind.YES_NO:
        return dict(YES_NO).get(value, value)
    if question.kind == Question.Kind.CHOICE:
        return next((c.label for c in question.choices.all() if c.value == value), value)
    if question.kind == Question.Kind.DECLARATION:
        return _("Yes") if value else ""
    return value


_CODE_CLEAN = re.compile(r"[\s-]")


class ReferenceCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Personal reference code"),
        help_text=_(
            "10 letters and numbers, for example ABCDE-23456. It is on the page that gave "
            "you the code."
        ),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        return _CODE_CLEAN.sub("", self.cleaned_data["code"]).upper()


class DeclarationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Type your full name"),
        help_text=_("As in the personal details of this application."),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    agree = forms.BooleanField(
        label=_(
            "I declare that the information I have given in this application is truthful, "
            "complete and correct."
        ),
        error_messages={"required": _("Tick the box to make the declaration.")},
    )

    def __init__(self, *args, expected_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_name = expected_name

    def clean_full_name(self):
        value = " ".join(self.cleaned_data["full_name"].split())
        if self.expected_name and normalize_name(value) != normalize_name(self.expected_name):
            raise forms.ValidationError(
                _("Type your name as in your personal details: %(name)s.")
                % {"name": self.expected_name},
                code="name_mismatch",
            )
        return value


class DocumentUploadForm(DocumentFilesForm):
    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, item=item, prefix=item.code, label=item.name, **kwargs)
