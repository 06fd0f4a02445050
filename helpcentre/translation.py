from modeltranslation.translator import TranslationOptions, register

from helpcentre.models import HelpTopic


@register(HelpTopic)
class HelpTopicTranslationOptions(TranslationOptions):
    # No language is required of a draft; HelpTopic.clean() requires both to publish.
    fields = ("question", "slug", "answer", "answer_text")
    empty_values = {"slug": None}
