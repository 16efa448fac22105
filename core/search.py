"""Full-text search: one stored, generated tsvector column per searchable model.

Each searchable model declares `search_vector = search_vector_field(("title", "A"), ...)`
and its queryset gains `.search(text)` through `SearchQuerySetMixin`: web-style
queries ("kharkiv signing", "nansen -loan", "\"fighter jet\""), ranked, with a
highlighted snippet.
"""

import re
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import models
from django.db.models import F, Func, Subquery, Value
from django.db.models.functions import Concat

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
# A list's search ranks, counts and totals at most this many matches (`bounded`); the
# CSV of a search holds every match.
SEARCH_CANDIDATES = 10_000
# PostgreSQL wraps matches in these private-use characters; the `highlight` template
# filter escapes the text first and only then turns them into <mark>, so no text from
# the data is ever trusted as HTML.
MATCH_START, MATCH_END = "\ue000", "\ue001"


def search_vector_field(weighted_fields: tuple[tuple[str, str], ...]) -> models.GeneratedField:
    """A stored column PostgreSQL keeps up to date from the given (field, weight) pairs."""
    vectors = [SearchVector(field, weight=weight, config=SEARCH_CONFIG) for field, weight in weighted_fields]
    return models.GeneratedField(
        expression=reduce(lambda a, b: a + b, vectors),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


# PostgreSQL's websearch parser reads each '-' before a word as a NOT, including '-'
# separated by blanks or by the characters it skips (!&|()<), and fails with "tsquery
# stack too small" beyond 32 nested NOTs. A run of separators holding two or more '-'
# means one NOT at most, so it becomes one.
NEGATION_RUN = re.compile(r"-[\s!&|()<-]*-[\s!&|()<-]*")


def web_query(text: str) -> SearchQuery:
    return SearchQuery(NEGATION_RUN.sub(" -", text), search_type="websearch", config=SEARCH_CONFIG)


class SearchQuerySetMixin:
    """`.search(text)`: matching rows, best first, each with `rank` and `snippet`.

    The model names its weighted text fields in `SEARCH_FIELDS`.
    """

    def search(self, text: str):
        query = web_query(text)
        fields = [field for field, _ in self.model.SEARCH_FIELDS]
        parts = [part for field in fields for part in (F(field), Value(" … "))][:-1]
        text_of_row = Concat(*parts, output_field=models.TextField())
        return (
            self.filter(search_vector=query)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                snippet=SearchHeadline(
                    text_of_row if len(fields) > 1 else fields[0],
                    query,
                    config=SEARCH_CONFIG,
                    start_sel=MATCH_START,
                    stop_sel=MATCH_END,
                    max_words=30,
                    min_words=12,
                ),
            )
            .order_by("-rank", "pk")
        )


def bounded(queryset, limit: int = SEARCH_CANDIDATES):
    """(queryset, capped): a searched and filtered queryset cut to its `limit` newest
    matches when more match, for a list to rank and page; otherwise the queryset as it is.

    A word in every row made each new search rank, count and total the whole table
    (2 s at a million pledges). The candidates are chosen by the full condition, every
    filter included, then ranked (or sorted) and paged as before. The outer query reads
    them by primary key alone: with the search's condition repeated there, PostgreSQL
    checked it on every row of the table again.
    """
    if not queryset.order_by().values_list("pk")[limit : limit + 1]:
        return queryset, False
    candidates = queryset.order_by("-pk").values("pk")[:limit]
    chosen = queryset.all()
    chosen.query.clear_where()  # every condition is in `candidates`
    return chosen.filter(KeyAmong(F("pk"), Subquery(candidates))), True


class KeyAmong(Func):
    """`key = ANY(ARRAY(subquery))`, a condition: the subquery runs once and its keys are
    read through the primary key's index (PostgreSQL planned `IN (subquery)` as a scan of
    the whole table)."""

    output_field = models.BooleanField()

    def __init__(self, key, keys):
        super().__init__(key, keys)

    def as_sql(self, compiler, connection, **extra):
        key, keys = (compiler.compile(expression) for expression in self.get_source_expressions())
        return f"{key[0]} = ANY(ARRAY({keys[0]}))", (*key[1], *keys[1])


class SearchQuerySet(SearchQuerySetMixin, models.QuerySet):
    pass
