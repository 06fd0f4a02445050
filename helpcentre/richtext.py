"""The limited HTML that content editors may write in help answers, and its plain text."""

import html
import re

import nh3

# Paragraphs, lists, emphasis and links: enough for an answer, nothing that runs or restyles.
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"https", "http", "mailto"}

# The search highlight markers (private-use characters) never come from an editor.
_MARKERS = re.compile("[\ue000\ue001]")
_BLOCK_END = re.compile(r"</(p|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def answer_clean(value):
    """``value`` with every tag and attribute outside the allowed few removed."""
    return nh3.clean(
        _MARKERS.sub("", value),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    ).strip()


def html_to_text(value):
    """The text of sanitised answer HTML, on one line, for search and its snippets."""
    text = _TAG.sub("", _BLOCK_END.sub(" ", answer_clean(value)))
    return _SPACE.sub(" ", html.unescape(text)).strip()
