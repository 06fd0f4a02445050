from modeltranslation.translator import TranslationOptions, register

from apply_online.models import ChecklistItem, Choice, FormSection, Question


@register(FormSection)
class FormSectionTranslationOptions(TranslationOptions):
    fields = ("title", "intro")
    required_languages = {"en": ("title",), "fr": ("title",)}


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("label", "help_text")
    required_languages = {"en": ("label",), "fr": ("label",)}


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("label",)
    required_languages = ("en", "fr")


@register(ChecklistItem)
class ChecklistItemTranslationOptions(TranslationOptions):
    fields = ("name", "help_text")
    required_languages = {"en": ("name",), "fr": ("name",)}
