from django import template
from django.utils.translation import get_language

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
