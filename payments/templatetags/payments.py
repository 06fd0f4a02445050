from django import template

from payments import selectors

register = template.Library()


@register.inclusion_tag("payments/_fees_paid.html")
def fees_paid(application):
    return {"payments": selectors.paid_for_application(application)}
