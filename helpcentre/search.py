"""Site search: the help topics and the portal's public pages, in the page's language.

On PostgreSQL, help topics are found with full-text search: the ``portal_english`` and
``portal_french`` text search configurations (copies of ``english`` and ``french`` that fold
accents with ``unaccent``) and a stored, indexed document column per language, all made by
migration 0003. Elsewhere (SQLite in development) a simpler fallback finds
topics holding every word. The few public pages are matched in Python.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from helpcentre.models import HelpTopic

MAX_QUERY_LENGTH = 100
PER_PAGE = 10
# Per language: the configuration folding accents, and the stock one (better French stems).
CONFIGS = {"en": ("portal_english", "english"), "fr": ("portal_french", "french")}
# Highlight markers: private-use characters that editors' text never holds (richtext strips
# them), turned into <mark> only after the text around them has been escaped.
MARK_START, MARK_STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 30

# The public pages of the portal, by URL name: their title and the words they are about.
PAGES = [
    (
        "signin",
        _("IRCC secure account: Sign in"),
        [
            _("Sign in with your GCKey username and password."),
            _(
                "Sign in with the username and password you use for online banking, if you "
                "bank with one of our partner Canadian financial institutions."
            ),
            _("Don't have an account?"),
            _("Register"),
        ],
    ),
    (
        "help_how_to_sign_in",
        _("How to sign in or apply online"),
        [
            _(
                "Choose how you sign in, sign in to your account, then prepare, pay for and "
                "submit your application and follow its status."
            ),
        ],
    ),
    (
        "help_index",
        _("Questions about signing in and applying online"),
        [_("Frequently asked questions about signing in and applying online")],
    ),
]


@dataclass(frozen=True)
class Hit:
    title: str  # safe HTML: escaped text with <mark> around the words found
    url: str
    snippet: str  # safe HTML, likewise


def fold(text):
    """``text`` without accents and case, for comparing words."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


WORD = re.compile(r"[^\W_]+")
# Operators of websearch_to_tsquery: a quoted phrase, "or", a word excluded with a minus.
OPERATORS = re.compile(r'"|(^|\s)-|\bor\b', re.IGNORECASE)


def query_words(query):
    """The words of ``query`` (letters and digits only), leaving out single letters."""
    return [word for word in WORD.findall(query.casefold()) if len(word) > 1]


def marked_html(text):
    """Escape ``text``, then turn the highlight markers into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; only our own markup added)


def _mark_words(text, words, *, limit=None):
    """``text`` with each word starting with one of ``words`` marked; with ``limit``, at most
    that many words around the first one found."""
    folded = [fold(word) for word in words]

    def found(word):
        return any(fold(word).startswith(each) for each in folded)

    def mark(match):
        return f"{MARK_START}{match[0]}{MARK_STOP}" if found(match[0]) else match[0]

    tokens = text.split()
    start, stop = 0, len(tokens)
    if limit is not None:
        first = next((i for i, t in enumerate(tokens) if any(map(found, WORD.findall(t)))), 0)
        start = max(0, first - 8)
        stop = min(len(tokens), start + limit)
    marked = " ".join(WORD.sub(mark, token) for token in tokens[start:stop])
    return ("… " if start else "") + marked + (" …" if stop < len(tokens) else "")


def _found(word, within):
    folded = fold(word)
    return any(candidate.startswith(folded) for candidate in within)


def _ellipsis(snippet, text):
    """``snippet`` of ``text`` with an ellipsis where it cuts the text."""
    plain = snippet.replace(MARK_START, "").replace(MARK_STOP, "").strip()
    before = "" if text.startswith(plain[:40]) else "… "
    # ts_headline leaves out the punctuation that ends the text.
    after = "" if text.rstrip(".!?:;»” ").endswith(plain.rstrip(".!?:;»” ")[-40:]) else " …"
    return f"{before}{snippet}{after}"


@lru_cache(maxsize=4)
def _page_words(language):
    """The public pages in ``language``: (name, title, text, title words, all words)."""
    pages = []
    for name, title, texts in PAGES:
        title, text = str(title), " ".join(str(t) for t in texts)
        title_words = frozenset(fold(w) for w in WORD.findall(title))
        all_words = title_words | {fold(w) for w in WORD.findall(text)}
        pages.append((name, title, text, title_words, all_words))
    return pages


def _page_hits(words, language):
    """(hits whose title holds a word, the other hits) among the public pages."""
    first, last = [], []
    for name, title, text, title_words, all_words in _page_words(language):
        if not all(_found(word, all_words) for word in words):
            continue
        hit = Hit(
            title=marked_html(_mark_words(title, words)),
            url=reverse(name),
            snippet=marked_html(_mark_words(text, words, limit=SNIPPET_WORDS)),
        )
        (first if any(_found(word, title_words) for word in words) else last).append(hit)
    return first, last


def _topic_document(language):
    """The stored text search document of a topic (a column migration 0003 adds on PostgreSQL)."""
    column = f"search_{language}" if language in CONFIGS else None  # never from the request
    return RawSQL(f'"portal_helptopic"."{column}"', [], output_field=SearchVectorField())  # noqa: S611


def _search_query(query, words, language):
    """The words as typed (quotes, "or" and -word understood), or every word as the start of a
    word ("cle" finds "CléGC"), through both of the language's configurations. The words are
    letters and digits only: safe in the raw syntax."""
    search_query = None
    for config in CONFIGS[language]:
        each = SearchQuery(query, search_type="websearch", config=config)
        if not OPERATORS.search(query):
            prefixes = " & ".join(f"{word}:*" for word in words)
            each |= SearchQuery(prefixes, search_type="raw", config=config)
        search_query = each if search_query is None else search_query | each
    return search_query


def _topics_postgres(query, words, language):
    config = CONFIGS[language][0]
    search_query = _search_query(query, words, language)
    marks = {"config": config, "start_sel": MARK_START, "stop_sel": MARK_STOP}
    return (
        HelpTopic.objects.published(language)
        .alias(document=_topic_document(language))
        .filter(document=search_query)
        .annotate(
            rank=SearchRank(F("document"), search_query),
            marked_title=SearchHeadline(
                f"question_{language}", search_query, highlight_all=True, **marks
            ),
            marked_snippet=SearchHeadline(
                f"answer_text_{language}",
                search_query,
                max_words=SNIPPET_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        )
        .order_by("-rank", "order", "pk")
    )


def _topics_fallback(words, language):
    question, text = f"question_{language}", f"answer_text_{language}"
    topics = HelpTopic.objects.published(language)
    rank = Value(0)
    for word in words:
        topics = topics.filter(
            Q(**{f"{question}__icontains": word}) | Q(**{f"{text}__icontains": word})
        )
        # A word in the question counts more than the same word in the answer.
        rank += Case(When(**{f"{question}__icontains": word}, then=Value(2)), default=Value(1))
    return topics.annotate(rank=rank).order_by("-rank", "order", "pk")


class _Topics:
    """The matching topics, fetched a page at a time."""

    def __init__(self, query, words, language):
        self.words, self.language = words, language
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.queryset = _topics_postgres(query, words, language)
        else:
            self.queryset = _topics_fallback(words, language)
        self.count = self.queryset.count()

    def fetch(self, start, stop):
        hits = []
        for topic in self.queryset[start:stop]:
            if self.postgres:
                title = topic.marked_title
                snippet = _ellipsis(
                    topic.marked_snippet, getattr(topic, f"answer_text_{self.language}")
                )
            else:
                title = _mark_words(getattr(topic, f"question_{self.language}"), self.words)
                snippet = _mark_words(
                    getattr(topic, f"answer_text_{self.language}"),
                    self.words,
                    limit=SNIPPET_WORDS,
                )
            url = topic.get_absolute_url(self.language)
            hits.append(Hit(title=marked_html(title), url=url, snippet=marked_html(snippet)))
        return hits


class _List:
    def __init__(self, hits):
        self.hits, self.count = hits, len(hits)

    def fetch(self, start, stop):
        return self.hits[start:stop]


class SearchResults:
    """Pages whose title matches, then topics by rank, then other pages: a Paginator's list."""

    def __init__(self, parts):
        self.parts = parts

    def count(self):
        return sum(part.count for part in self.parts)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("SearchResults is read by slices")
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        hits, offset = [], 0
        for part in self.parts:
            if start < offset + part.count and stop > offset:
                hits += part.fetch(max(start - offset, 0), min(stop - offset, part.count))
            offset += part.count
        return hits


def site_search(*, query, language):
    """The results of ``query`` (at most MAX_QUERY_LENGTH characters) in ``language``."""
    query = query[:MAX_QUERY_LENGTH]
    words = query_words(query)
    if not words:
        return SearchResults([])
    first_pages, other_pages = _page_hits(words, language)
    return SearchResults([_List(first_pages), _Topics(query, words, language), _List(other_pages)])
