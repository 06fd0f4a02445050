"""Context for the page chrome. Nothing here may touch the database: the 500 page uses it.

Every page pays for this, so what does not depend on the request is computed once per language
and page addresses are translated once per path.
"""

from functools import cache, lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.dateparse import parse_date
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, get_language_info

from portal import chrome as links


@lru_cache(maxsize=2048)
def _translated_path(path, language, current):
    """``path`` (query string included) in ``language``, or None for a path that is no page."""
    translated = translate_url(path, language)
    if translated != path:
        return translated
    # Not a resolvable page (a 404, say): swap the language prefix and keep the rest.
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{language}/{path[len(prefix) :]}"
    return f"/{language}/"


@cache
def _static_chrome(language):
    return {
        "canada_home_url": links.HOME.get(language, links.HOME["en"]),
        "chrome_breadcrumb": links.links_for(links.BREADCRUMB, language),
        "chrome_themes": links.links_for(links.THEMES, language),
        "chrome_about_government": links.links_for(links.ABOUT_GOVERNMENT, language),
        "chrome_about_site": links.links_for(links.ABOUT_SITE, language),
        "default_date_modified": parse_date(settings.PORTAL_CONTENT_DATE),
        "stylesheet_url": static("portal/css/portal.css"),
        "favicon_url": static("portal/img/favicon.svg"),
    }


def _origin(request):
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:  # the 400 page for a bad Host header renders with this too
        return ""


@lru_cache(maxsize=2048)
def _language_links(language, path, origin, alternates=(), toggle_form=None):
    """The hreflang links and the language toggle of the page at ``path`` (query included).

    ``alternates``: (language, path) pairs a view supplied for addresses that translate_url
    cannot translate (a slug from the database). ``toggle_form``: the id of a form whose typed
    content the toggle must keep; the toggle then submits it (``_language``), with or without
    JavaScript, and the view saves what was typed before showing the other language.
    """
    given = dict(alternates)
    urls = [
        (
            code,
            given.get(code)
            or (path if code == language else _translated_path(path, code, language)),
        )
        for code, _name in settings.LANGUAGES
    ]
    alternate_links = format_html_join(
        "\n  ",
        '<link rel="alternate" hreflang="{}" href="{}{}">',
        ((code, origin, url) for code, url in urls),
    )
    other_code, other_url = next((code, url) for code, url in urls if code != language)
    name = get_language_info(other_code)["name_local"].capitalize()
    if toggle_form:
        toggle = format_html(
            '<button type="submit" form="{form}" name="_language" value="{code}" formnovalidate '
            'class="toggle-button" lang="{code}"><span class="lang-long">{name}</span>'
            '<abbr class="lang-short" title="{name}">{code}</abbr></button>',
            form=toggle_form,
            code=other_code,
            name=name,
        )
    else:
        toggle = format_html(
            '<a href="{url}" lang="{code}" hreflang="{code}"><span class="lang-long">{name}</span>'
            '<abbr class="lang-short" title="{name}">{code}</abbr></a>',
            url=other_url,
            code=other_code,
            name=name,
        )
    return alternate_links, toggle


def chrome(request):
    language = get_language() or settings.LANGUAGE_CODE
    # A view whose address holds a database slug sets request.alternate_paths {language: path}.
    alternates = tuple(sorted(getattr(request, "alternate_paths", {}).items()))
    alternate_links, toggle = _language_links(
        language,
        request.get_full_path(),
        _origin(request),
        alternates,
        getattr(request, "toggle_form", None),
    )
    return {
        **_static_chrome(language),
        "alternate_links": alternate_links,
        "language_toggle": toggle,
    }
