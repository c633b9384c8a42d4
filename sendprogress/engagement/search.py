"""Site search over public content only: findings, measures, actions, updates,
"You said, we did", documents and the glossary.

Each kind of content is one query (its public QuerySet, filtered and ranked,
at most PER_KIND rows), so a search costs the same number of queries however
much there is; the results are then merged by rank.

What is looked for is worked out in `words.py`: each word by its stem, and
the words staff say mean the same (`SearchSynonym`) as alternatives.

On PostgreSQL: full-text search with the English configuration (so "plans"
finds "plan"), ranked with titles weighted above the rest, and the matching
words marked by SearchHeadline. On SQLite, which has no full-text search
here: every word (or one of its synonyms) must appear somewhere in the item,
matched by the start it shares with its Snowball stem (the stemmer PostgreSQL
uses), ranked by how many words are in its title, and the words marked in
Python. Both give the same page.

`find` is what the page calls: if nothing is found, it tries the query with
misspelt words swapped for the closest words public content uses
(`words.corrected`), and says so ("Showing results for").

Updates, the content there is most of, carry a search vector that PostgreSQL
stores and indexes itself (updates migration 0004), so a search reads the
index and ranks from the stored vector instead of reading every update's text.

A search has a time limit (SEARCH_TIMEOUT_MS): on PostgreSQL each of its
queries runs with `statement_timeout` set to it, inside a transaction, and no
query starts once the time is up; on SQLite a progress handler stops a query
that runs past it. Either way, `SearchTooSlow` is raised, for the page to say so.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import OperationalError, connection, transaction
from django.db.models import Q, QuerySet, TextField, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sendprogress.pages.models import GlossaryTerm
from sendprogress.plan.models import Action, Evidence, Finding, Measure
from sendprogress.updates.models import Post

from . import words as wording
from .models import SearchSynonym, YouSaidWeDid
from .words import Phrase, Synonym

MAX_QUERY = 200  # characters: more is cut off, never refused
MAX_SUGGESTIONS = 8
PER_KIND = 50
SNIPPET_WORDS = 30
# Markers SearchHeadline puts around matches, replaced by <mark> once the
# rest of the text is escaped (so stored text can never become HTML).
_START, _STOP = "\ue000", "\ue001"
_QUERY_CANCELED = "57014"  # PostgreSQL's code for a query stopped by statement_timeout


@dataclass(frozen=True)
class Kind:
    label: str
    queryset: Callable[[], QuerySet]
    title: str
    text: tuple[str, ...]
    url: Callable[[object], str]
    # A tsvector column PostgreSQL keeps for this kind (see the docstring), if any.
    stored_vector: str | None = None


KINDS = (
    Kind(
        "Finding",
        lambda: Finding.objects.public(),
        "title",
        ("summary",),
        lambda finding: finding.get_absolute_url(),
    ),
    Kind(
        "Measure",
        lambda: Measure.objects.public(),
        "title",
        ("why_it_matters", "definition"),
        lambda measure: reverse("plan:measure_detail", args=[measure.code]),
    ),
    Kind(
        "Action",
        lambda: Action.objects.public().select_related("plan"),
        "title",
        ("description", "owner_role"),
        lambda action: (
            f"{action.plan.get_absolute_url()}#action-{action.pk}"
            if action.plan
            else reverse("plan:journey")
        ),
    ),
    Kind(
        "Update",
        lambda: Post.objects.published(),
        "title",
        ("summary", "body"),
        lambda post: post.get_absolute_url(),
        stored_vector="search_vector",
    ),
    Kind(
        "You said, we did",
        lambda: YouSaidWeDid.objects.published(),
        "you_said",
        ("we_did",),
        lambda entry: entry.get_absolute_url(),
    ),
    Kind(
        "Document",
        lambda: Evidence.objects.public(),
        "title",
        ("description",),
        lambda evidence: evidence.url or reverse("plan:evidence_download", args=[evidence.pk]),
    ),
    Kind(
        "Word we use",
        lambda: GlossaryTerm.objects.all(),
        "term",
        ("abbreviation", "definition"),
        lambda term: f"{reverse('glossary')}#{term.slug}",
    ),
)


@dataclass(frozen=True)
class Result:
    kind: str
    title: SafeString
    url: str
    snippet: SafeString
    rank: float


def clean_query(text: str) -> str:
    """What is searched for: printable text, at most MAX_QUERY characters."""
    text = "".join(
        " " if unicodedata.category(c).startswith(("C", "Z")) else c for c in text or ""
    )
    return " ".join(text.split())[:MAX_QUERY].strip()


class SearchTooSlow(Exception):
    """The search ran past SEARCH_TIMEOUT_MS and was stopped."""


@dataclass(frozen=True)
class Found:
    """What the search page shows: the results, and the words they are for if
    they are not the words asked (a spelling put right)."""

    results: list[Result]
    showing_for: str | None = None
    suggestions: tuple[str, ...] = ()


def find(text: str) -> Found:
    """`search`, forgiving spelling: if nothing is found, the query put right.

    With nothing found either way, some words staff keep synonyms for are
    suggested. Raises SearchTooSlow past the time limit.
    """
    query = clean_query(text)
    synonyms = _synonyms()
    results = search(query, synonyms=synonyms)
    if results or not wording.words(query):
        return Found(results)
    better = wording.corrected(query, vocabulary(synonyms))
    if better:
        results = search(better, synonyms=synonyms)
        if results:
            return Found(results, showing_for=better)
    terms = dict.fromkeys(synonym.term for synonym in synonyms)
    return Found([], suggestions=tuple(terms)[:MAX_SUGGESTIONS])


def search(text: str, *, synonyms: list[Synonym] | None = None) -> list[Result]:
    """Public content matching `text`, best first. Raises SearchTooSlow past the time limit."""
    query = clean_query(text)
    if not wording.words(query):
        return []
    found = wording.groups(query, _synonyms() if synonyms is None else synonyms)
    postgres = connection.vendor == "postgresql"
    finder = _postgres if postgres else _simple
    deadline = time.monotonic() + settings.SEARCH_TIMEOUT_MS / 1000
    results = []
    try:
        with transaction.atomic(), _stopped_at(deadline, postgres=postgres):
            for kind in KINDS:
                if time.monotonic() > deadline:
                    raise SearchTooSlow
                results += finder(kind, query, found)
    except OperationalError as error:
        if _was_stopped(error):
            raise SearchTooSlow from error
        raise
    return sorted(results, key=lambda r: (-r.rank, r.kind, str(r.title)))


def _synonyms() -> list[Synonym]:
    """The list staff keep (one query)."""
    return [
        Synonym(term, also_means, both_ways)
        for term, also_means, both_ways in SearchSynonym.objects.values_list(
            "term", "also_means", "both_ways"
        )
    ]


def vocabulary(synonyms: list[Synonym]) -> set[str]:
    """The words public content uses in its titles, the glossary's and the
    synonyms' words: what a misspelt word may be put right to.

    One query per kind of content, reading titles only, from the public
    QuerySets (so no word only a draft uses is ever suggested).
    """
    known: set[str] = set()
    for kind in KINDS:
        for title in kind.queryset().values_list(kind.title, flat=True):
            known.update(word.lower() for word in re.findall(r"[^\W\d_]+", title or ""))
    for synonym in synonyms:
        known.update(
            word.lower()
            for word in re.findall(r"[^\W\d_]+", f"{synonym.term} {synonym.also_means}")
        )
    return known


@contextmanager
def _stopped_at(deadline: float, *, postgres: bool):
    """Stop any query still running at `deadline` (inside a transaction).

    PostgreSQL's limit is per query, so each query may take all the time
    there is and the next is not started once it is up: a search takes at
    most about twice SEARCH_TIMEOUT_MS, whatever it asks for. One statement
    sets it, so a search costs the same number of queries as ever, plus one.
    """
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true)",
                [str(settings.SEARCH_TIMEOUT_MS)],
            )
        yield
        return
    connection.ensure_connection()
    sqlite = connection.connection
    sqlite.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        yield
    finally:
        sqlite.set_progress_handler(None, 0)


def _was_stopped(error: OperationalError) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == _QUERY_CANCELED or "interrupted" in str(error)


# PostgreSQL ---------------------------------------------------------------


def _postgres(kind: Kind, query: str, found: list[list[Phrase]]) -> Iterable[Result]:
    vector = _vector(kind)
    search_query = _search_query(query, found)
    body = _body(kind.text)
    rows = (
        kind.queryset()
        .annotate(
            search=vector,
            rank=SearchRank(vector, search_query),
            title_marked=SearchHeadline(
                kind.title,
                search_query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                highlight_all=True,
            ),
            snippet_marked=SearchHeadline(
                body,
                search_query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
            ),
        )
        .filter(search=search_query)
        .order_by("-rank")[:PER_KIND]
    )
    for row in rows:
        yield Result(
            kind=kind.label,
            title=_marked(row.title_marked),
            url=kind.url(row),
            snippet=_marked(row.snippet_marked),
            rank=row.rank,
        )


def _search_query(query: str, found: list[list[Phrase]]) -> SearchQuery:
    """The words as asked (websearch: "quotes" and -not work) or, where synonyms
    apply, every group (AND) of alternatives (OR)."""
    if not wording.has_synonyms(found):
        return SearchQuery(query, config="english", search_type="websearch")
    combined = None
    for group in found:
        either = None
        for phrase in group:
            one = SearchQuery(" ".join(phrase), config="english", search_type="plain")
            either = one if either is None else either | one
        combined = either if combined is None else combined & either
    return combined


def _vector(kind: Kind):
    """The title (weighted A) and the text (B) as one tsvector: the stored column if the
    kind has one (read from its index, ranked without reading the text again), else
    worked out from the text for every row."""
    if kind.stored_vector:
        return _StoredVector(kind.queryset().model._meta.db_table, kind.stored_vector)
    return SearchVector(_as_text(kind.title), weight="A", config="english") + SearchVector(
        *(_as_text(field) for field in kind.text), weight="B", config="english"
    )


class _StoredVector(Expression):
    """A tsvector column the model does not declare (PostgreSQL keeps it), by name."""

    output_field = SearchVectorField()

    def __init__(self, table: str, column: str):
        super().__init__()
        self.table, self.column = table, column

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        return f"{quote(self.table)}.{quote(self.column)}", []


def _body(fields: tuple[str, ...]):
    """The text fields as one, for the snippet."""
    if len(fields) == 1:
        return _as_text(fields[0])
    parts = []
    for field in fields:
        parts += [Coalesce(_as_text(field), _text("")), _text(" ")]
    return Concat(*parts[:-1], output_field=TextField())


def _text(value: str):
    return Value(value, output_field=TextField())


def _as_text(field: str):
    # Fields mix CharField and TextField, which Django will not combine.
    return Cast(field, output_field=TextField())


def _marked(text: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped first; only our markers become tags
        escape(text or "").replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


# SQLite (and any other database) -------------------------------------------


def _simple(kind: Kind, query: str, found: list[list[Phrase]]) -> Iterable[Result]:
    fields = (kind.title, *kind.text)
    condition = Q()
    for group in found:
        either = Q()
        for phrase in group:
            every_word = Q()
            for word in phrase:
                start = wording.word_start(word)
                any_field = Q()
                for field in fields:
                    any_field |= Q(**{f"{field}__icontains": start})
                every_word &= any_field
            either |= every_word
        condition &= either
    starts = [wording.word_start(word) for word in wording.all_words(found)]
    for row in kind.queryset().filter(condition)[:PER_KIND]:
        title = getattr(row, kind.title)
        body = " ".join(getattr(row, field) or "" for field in kind.text)
        in_title = sum(start in title.lower() for start in starts)
        yield Result(
            kind=kind.label,
            title=_highlight(title, starts),
            url=kind.url(row),
            snippet=_highlight(_window(body, starts), starts),
            rank=in_title * 2 + 1,
        )


def _window(text: str, starts: list[str]) -> str:
    """About SNIPPET_WORDS words of `text` around the first match."""
    tokens = text.split()
    lowered = [token.lower() for token in tokens]
    first = next((i for i, token in enumerate(lowered) if any(s in token for s in starts)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    snippet = " ".join(tokens[start : start + SNIPPET_WORDS])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return prefix + snippet + suffix


def _highlight(text: str, starts: list[str]) -> SafeString:
    """`text` escaped, with each word matched (from its start to its end) marked."""
    longest_first = sorted(starts, key=len, reverse=True)
    pattern = re.compile(
        "|".join(re.escape(start) + r"\w*" for start in longest_first), re.IGNORECASE
    )
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped
