"""The hosted pages' own tags: amounts per language, and the same page in the other language."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from payment_stub.money import format_amount

register = template.Library()

# The languages the provider's pages speak.
LANGUAGES = ("en", "fr")


@register.filter
def stub_amount(cents):
    """Cents of a Canadian dollar as the page's language writes them."""
    return format_amount(cents, get_language())


@register.simple_tag(takes_context=True)
def stub_other_language(context):
    """The same page in the other language."""
    current = (get_language() or "en")[:2]
    code = next(code for code in LANGUAGES if code != current)
    url = translate_url(context["request"].path, code)
    return {"code": code, "url": url, "name": get_language_info(code)["name_local"].capitalize()}
