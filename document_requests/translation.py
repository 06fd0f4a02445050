from modeltranslation.translator import TranslationOptions, register

from document_requests.models import DocumentKind, DocumentRequest, RequestedItem


@register(DocumentKind)
class DocumentKindTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr")


@register(DocumentRequest)
class DocumentRequestTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(RequestedItem)
class RequestedItemTranslationOptions(TranslationOptions):
    fields = ("description",)
