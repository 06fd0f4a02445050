"""What other apps' pages show of applying online, rendered here so they never import it."""

from django import template
from django.utils import formats
from django.utils.translation import get_language

from apply_online import selectors
from apply_online.forms import answer_display

register = template.Library()


@register.filter
def money(amount):
    """An amount in Canadian dollars as each language writes it: $1,234.56 or 1 234,56 $."""
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{number}\u00a0$" if get_language() == "fr" else f"${number}"


@register.inclusion_tag("apply_online/_home_drafts.html", takes_context=True)
def drafts_home(context):
    request = context["request"]
    return {"request": request, "drafts": selectors.drafts_for_home(user=request.user)}


@register.inclusion_tag("apply_online/_submission.html", takes_context=True)
def submission_summary(context, application):
    found = selectors.submission_for(application)
    if found is None:
        return {"draft": None}
    draft, sections = found
    summary = [
        (
            section,
            [
                (q, answer_display(q, draft.answers.get(q.name, "")))
                for q in section.questions.all()
            ],
        )
        for section in sections
    ]
    return {
        "request": context["request"],
        "draft": draft,
        "application": application,
        "summary": summary,
        "documents": list(draft.documents.all()),
    }
