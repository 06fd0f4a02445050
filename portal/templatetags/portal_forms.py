from django import template

register = template.Library()


@register.filter
def error_count(form):
    """How many messages the form's error summary lists."""
    return len(form.non_field_errors()) + sum(len(field.errors) for field in form.visible_fields())
