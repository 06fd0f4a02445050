from django import template

from document_requests import selectors

register = template.Library()


@register.inclusion_tag("document_requests/_home.html", takes_context=True)
def requests_home(context):
    """Account home's "Action required": each open request, with its date and days left."""
    user = context["request"].user
    return {"open_requests": selectors.open_requests_for_user(user=user)}


@register.inclusion_tag("document_requests/_application.html")
def requests_banner(application):
    """The top of an application's page: open requests first, then those answered."""
    requests = selectors.requests_for_application(application)
    return {
        "requests": requests,
        "any_open": any(request.is_open for request in requests),
        "application": application,
    }
