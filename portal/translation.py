from modeltranslation.translator import TranslationOptions, register

from portal.models import Notice


@register(Notice)
class NoticeTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"en": ("body",), "fr": ("body",)}
