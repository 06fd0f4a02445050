"""Context for the page chrome. Nothing here may touch the database: the 500 page uses it."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.dateparse import parse_date
from django.utils.translation import get_language, get_language_info

from portal import chrome as links


def _same_page_in(request, language):
    """The current page's address in ``language``, query string kept."""
    path = request.get_full_path()
    translated = translate_url(path, language)
    if translated != path:
        return translated
    # Not a resolvable page (a 404, say): swap the language prefix and keep the rest.
    current = get_language()
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{language}/{path[len(prefix) :]}"
    return f"/{language}/"


def _absolute(request, url):
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        return url


def chrome(request):
    language = get_language() or settings.LANGUAGE_CODE
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = _same_page_in(request, code) if code != language else request.get_full_path()
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "url": url,
                "absolute_url": _absolute(request, url),
                "name": info["name_local"],
            }
        )
    other = next(alt for alt in alternates if alt["code"] != language)
    return {
        "language_alternates": alternates,
        "other_language": other,
        "canada_home_url": links.HOME.get(language, links.HOME["en"]),
        "chrome_breadcrumb": links.links_for(links.BREADCRUMB, language),
        "chrome_themes": links.links_for(links.THEMES, language),
        "chrome_about_government": links.links_for(links.ABOUT_GOVERNMENT, language),
        "chrome_about_site": links.links_for(links.ABOUT_SITE, language),
        "default_date_modified": parse_date(settings.PORTAL_CONTENT_DATE),
    }
