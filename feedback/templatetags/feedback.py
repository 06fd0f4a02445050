from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from feedback.categories import PARENTS, TOP_LEVEL, children_of

register = template.Library()

# Where "For enquiries, contact us" leads: IRCC's contact page, in the page's language.
CONTACT_URLS = {
    "en": "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/contact-ircc.html",
    "fr": "https://www.canada.ca/fr/immigration-refugies-citoyennete/organisation/coordonnees-ircc.html",
}


@register.simple_tag
def report_options():
    """The checkboxes of the report form, top-level options with their sub-options.

    Only called when the form's cached fragment is built, so it costs nothing per request.
    """
    return [
        {
            "value": category.value,
            "label": category.label,
            "children": [
                {"value": child.value, "label": child.label, "parent": PARENTS[child].value}
                for child in children_of(category)
            ],
        }
        for category in TOP_LEVEL
    ]


@register.simple_tag
def contact_url():
    return CONTACT_URLS.get(get_language(), CONTACT_URLS["en"])


@lru_cache(maxsize=8)
def _form_markup(language):
    """The form's static markup in ``language``, rendered once per process.

    It depends only on the code and the catalogues, like the chrome's cached fragments, and a
    dictionary lookup is cheaper than a cache round trip: the sign-in page's throughput
    depends on it.
    """
    with override(language):
        return render_to_string("feedback/report/_form.html").strip()


@register.simple_tag(takes_context=True)
def report_problem(context):
    """The "Report a problem or mistake on this page" form, or what follows its post.

    Only the page's path and title are rendered per request. No CSRF token: see
    feedback.views.report_problem for why, and what protects it instead.
    """
    request = context.get("request")
    if request is None:
        return ""
    state = request.GET.get("feedback") if request.META.get("QUERY_STRING") else None
    if state in ("thanks", "missing"):
        with context.push(state=state):
            return context.template.engine.get_template("feedback/report/_state.html").render(
                context
            )
    # LANGUAGE_CODE is in every page's context already; get_language() is a slower lookup.
    language = context.get("LANGUAGE_CODE") or get_language()
    return _form_for(language, request.path, str(context.get("page_title", "")))


@lru_cache(maxsize=1024)
def _form_for(language, path, title):
    """The whole form for one page: the static markup and that page's hidden fields."""
    return mark_safe(  # noqa: S308 -- the markup comes from the template engine, the rest escaped
        f"{_form_markup(language)}"
        f'<input type="hidden" name="path" value="{escape(path)}">'
        f'<input type="hidden" name="title" value="{escape(title)}"></form></details>'
    )
