"""The help centre (all questions, one page per topic, how to sign in) and the site search."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from helpcentre.search import MAX_QUERY_LENGTH, PER_PAGE, site_search
from helpcentre.selectors import (
    help_topic_find_by_other_slug,
    help_topic_get,
    help_topic_list_related,
    help_topics_by_category,
)

HELP_INDEX_TITLE = _("Questions about signing in and applying online")


def _help_crumb():
    return [(_("Help"), reverse("help_index"))]


@require_safe
def help_index(request):
    return render(
        request,
        "helpcentre/help/index.html",
        {
            "page_title": HELP_INDEX_TITLE,
            "categories": help_topics_by_category(language=get_language()),
        },
    )


@require_safe
def how_to_sign_in(request):
    return render(
        request,
        "helpcentre/help/how_to_sign_in.html",
        {"page_title": _("How to sign in or apply online"), "breadcrumbs": _help_crumb()},
    )


@require_safe
def help_topic(request, slug):
    language = get_language()
    topic = help_topic_get(language=language, slug=slug)
    if topic is None:
        # The toggle swaps the language of an address but not the topic's slug: lead such an
        # address (and any old link) to the topic's own address in this language.
        topic = help_topic_find_by_other_slug(language=language, slug=slug)
        if topic is None or not getattr(topic, f"slug_{language}"):
            raise Http404
        return redirect(topic.get_absolute_url(language))  # not permanent: slugs may change
    # The chrome's toggle and hreflang links: the topic's address in each language.
    request.alternate_paths = {
        code: topic.get_absolute_url(code)
        for code, _name in settings.LANGUAGES
        if getattr(topic, f"slug_{code}")
    }
    return render(
        request,
        "helpcentre/help/topic.html",
        {
            "page_title": getattr(topic, f"question_{language}"),
            "breadcrumbs": _help_crumb(),
            "date_modified": timezone.localdate(topic.updated_at),
            "topic": topic,
            "answer": topic.answer_html(language),
            "related": help_topic_list_related(topic=topic, language=language),
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Use at most %(limit_value)d characters in your search."),
        },
    )


@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    context = {"page_title": _("Search results"), "form": form}
    if form.is_bound and form.is_valid() and (query := form.cleaned_data["q"]):
        paginator = Paginator(site_search(query=query, language=get_language()), PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        context.update(
            query=query,
            page=page,
            count=paginator.count,
            first_result=page.start_index(),
            last_result=page.end_index(),
            page_links=[
                (number, "?" + urlencode({"q": query, "page": number}))
                for number in paginator.get_elided_page_range(page.number, on_each_side=2)
                if number != paginator.ELLIPSIS
            ]
            if paginator.num_pages > 1
            else [],
        )
        if page.has_previous():
            context["previous_url"] = "?" + urlencode(
                {"q": query, "page": page.previous_page_number()}
            )
        if page.has_next():
            context["next_url"] = "?" + urlencode({"q": query, "page": page.next_page_number()})
    return render(request, "helpcentre/search.html", context)
