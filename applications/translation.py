from modeltranslation.translator import TranslationOptions, register

from applications.models import ApplicationType, Message


@register(ApplicationType)
class ApplicationTypeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr")


@register(Message)
class MessageTranslationOptions(TranslationOptions):
    fields = ("subject", "body")
    required_languages = ("en", "fr")
