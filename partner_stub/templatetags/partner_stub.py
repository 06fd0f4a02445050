from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def other_language(context):
    """The same broker page in the other language (query string kept)."""
    current = get_language()
    code = next(code for code, _name in settings.LANGUAGES if code != current)
    url = translate_url(context["request"].get_full_path(), code)
    return {"code": code, "url": url, "name": get_language_info(code)["name_local"].capitalize()}
