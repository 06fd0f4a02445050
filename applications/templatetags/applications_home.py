"""Account home's applications section, rendered by this app so that accounts never imports it."""

from django import template

from applications import selectors

register = template.Library()


@register.inclusion_tag("applications/_home_sections.html", takes_context=True)
def applications_home_sections(context):
    request = context["request"]
    return {
        "request": request,
        "applications": selectors.application_page_for_home(
            user=request.user, page_number=request.GET.get("page")
        ),
        "unread_total": selectors.unread_message_count(user=request.user),
    }
