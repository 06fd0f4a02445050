from modeltranslation.translator import TranslationOptions, register

from portal.models import HelpTopic, Notice


@register(Notice)
class NoticeTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"en": ("body",), "fr": ("body",)}


@register(HelpTopic)
class HelpTopicTranslationOptions(TranslationOptions):
    # No language is required of a draft; HelpTopic.clean() requires both to publish.
    fields = ("question", "slug", "answer", "answer_text")
    empty_values = {"slug": None}
