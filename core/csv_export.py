"""CSV for researchers: tables defined once, streamed row by row from PostgreSQL.

Each exported table is a list of `Column`s (name, type, meaning, example and the ORM
expression that fills it). The same definition gives the CSV header, the data
dictionary on the data page and in the ZIP, and the SQL that selects the rows.

Rules: UTF-8 with a header row, RFC 4180 quoting and CRLF line ends, ISO 8601 dates,
`.` as the decimal point, `true`/`false`, multiple values joined with "; ", and text
cells that a spreadsheet would run as a formula prefixed with an apostrophe (the rule
is core.formula's, shared with the import). The formatting is done by PostgreSQL in
the SELECT, so Python only hands rows from a server-side cursor to the csv module.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.postgres.aggregates import ArrayAgg, StringAgg
from django.db import connections
from django.db.models import Case, F, Func, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Concat

from core.formula import GUARD_PARAMS, Guarded

CHUNK_ROWS = 5000
MULTI_VALUE_SEPARATOR = "; "


def safe_text(expression):
    """Text made safe for spreadsheets: '=1+1' comes out as "'=1+1"."""
    text = F(expression) if isinstance(expression, str) else expression
    return Guarded(Cast(text, TextField()))


class IsoTimestamp(Func):
    """A timestamp as ISO 8601 in UTC: 2024-03-01T12:00:00Z."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    output_field = TextField()


def boolean_text(expression):
    return Case(
        When(Q(**{expression: True}), then=Value("true")), default=Value("false"), output_field=TextField()
    )


class JoinedValues(Subquery):
    """A cell of several values joined with MULTI_VALUE_SEPARATOR (the data package
    describes such a column as a list). `link` names the related rows' foreign key to
    the exported row (the API's updated_since follows it to changed rows); `grouped`
    is the same aggregate for every exported row at once, one row per link (a whole
    table's export joins it rather than run the subquery once a row)."""

    def __init__(self, queryset, link: str, grouped=None, **extra):
        super().__init__(queryset, **extra)
        self.link = link
        self.grouped = grouped


class JoinedArray(Func):
    """An array column's values joined with MULTI_VALUE_SEPARATOR: 'a; b; c'."""

    function = "array_to_string"
    output_field = TextField()

    def __init__(self, field: str):
        super().__init__(F(field), Value(MULTI_VALUE_SEPARATOR))


def _joined_subquery(model, link: str, aggregate, *conditions, **filters) -> Subquery:
    """One cell holding the aggregate of every related row: a correlated subquery, so
    the outer query keeps one row per record.

    An aggregate with no GROUP BY (one row; NULL when there is no related row, as
    before): grouping by the link, which the WHERE already fixes, took a quarter of the
    time of the pledges export's two source columns."""
    related = model.objects.filter(*conditions, **filters).order_by()
    rows = related.filter(**{link: OuterRef("pk")}).annotate(joined=aggregate).values("joined")
    rows.query.group_by = None
    # The same WHERE, so a row with no related row left gets no group: NULL, as above.
    grouped = related.filter(**{f"{link}__isnull": False}).values(link).annotate(joined=aggregate)
    return JoinedValues(rows, link, grouped.values_list(link, "joined"), output_field=TextField())


def joined(model, link: str, value: str, *conditions, **filters) -> Subquery:
    """The distinct values of a field of related rows: 'netherlands; ukraine'."""
    aggregate = StringAgg(value, delimiter=MULTI_VALUE_SEPARATOR, distinct=True, order_by=value)
    return _joined_subquery(model, link, aggregate, *conditions, **filters)


def joined_ids(model, link: str, value: str) -> Subquery:
    """The distinct ids of related rows in numeric order: '2; 7; 10'."""
    ids = ArrayAgg(value, distinct=True, order_by=value)
    aggregate = Func(ids, Value(MULTI_VALUE_SEPARATOR), function="array_to_string", output_field=TextField())
    return _joined_subquery(model, link, aggregate)


def joined_pairs(model, link: str, value: str, label: str) -> Subquery:
    """'slug:role; slug:role' of related rows, for columns an import reads back exactly."""
    pair = Concat(F(value), Value(":"), F(label), output_field=TextField())
    aggregate = StringAgg(pair, delimiter=MULTI_VALUE_SEPARATOR, order_by=pair)
    return _joined_subquery(model, link, aggregate)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # integer, decimal, text, date, boolean, timestamp
    meaning: str
    example: str
    expression: object = None  # ORM path or expression; defaults to the column name
    empty: str = ""  # what an empty cell means, where the general rule (core/datapackage.py) is not enough

    @property
    def is_multi_valued(self) -> bool:
        return isinstance(self.expression, JoinedValues | JoinedArray)

    def select(self):
        """The SQL expression of the cell, as text already formatted for CSV.

        Everything is cast to text in PostgreSQL (numbers and ISO dates print as CSV
        wants them), so the driver hands Python plain strings, the cheapest to write.
        """
        source = self.expression if self.expression is not None else self.name
        if self.type == "text":
            return safe_text(source)
        if self.type == "boolean":
            return boolean_text(source)
        value = F(source) if isinstance(source, str) else source
        if self.type == "timestamp":
            return IsoTimestamp(value)
        return Cast(value, TextField())


# Every table ends with it, so a researcher can fetch only what changed since a download.
UPDATED_AT = Column(
    "updated_at", "timestamp", "When the row last changed, UTC, ISO 8601.", "2024-11-24T22:43:00Z"
)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    model: type
    columns: list[Column] = field(default_factory=list)
    order_by: tuple[str, ...] = ("pk",)

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def rows(self, queryset):
        """The queryset's rows as tuples of CSV-ready values.

        A queryset the user sorted (or a search ranked) keeps its order; others get
        the table's own, so the same data always exports in the same order.
        """
        ordering = list(queryset.query.order_by) or list(self.order_by)
        selected = {f"_{column.name}": column.select() for column in self.columns}
        return self._chosen(queryset, ordering).annotate(**selected).values_list(*selected)

    def _chosen(self, queryset, ordering):
        """The queryset's rows, selected by id from an unfiltered query of the table.

        A filter across a to-many relation joins rows and calls distinct(); under
        DISTINCT, PostgreSQL needs every ORDER BY term in the SELECT, so Django appends
        them to each row, and the raw rows `csv_chunks` reads would carry more fields
        than the header. With the filters kept inside `pk IN (...)` the outer query
        has no joins of theirs, no DISTINCT and one row per record, whatever a filter does.
        An ordering by an annotation of the filtered queryset (a search's rank) is
        carried out as a per-row subquery.
        """
        query = queryset.query
        if not query.has_filters() and not query.distinct and not query.annotations:
            return queryset.order_by(*ordering)
        carried = {}
        for term in ordering:
            name = term.lstrip("-") if isinstance(term, str) else None
            if name in query.annotations:
                value = queryset.filter(pk=OuterRef("pk")).order_by().values(name)[:1]
                carried[name] = Subquery(value, output_field=query.annotations[name].output_field)
        chosen = self.model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
        return chosen.annotate(**carried).order_by(*ordering)

    def sql(self, queryset) -> tuple[str, tuple, str]:
        """The SELECT of `rows(queryset)`, its parameters and its database.

        The whole table in its own order (`pk`) joins each joined cell's aggregate
        grouped by row once (a hash or merge join over all related rows), rather than
        run two correlated subqueries a row: the full pledges export's SQL at 1M rows
        from 67 s to 42 s, the same bytes. A filtered or sorted export, a few rows as a
        rule, keeps the subqueries, which read only its own rows' related rows.
        """
        query = queryset.query
        joined = [column for column in self.columns if isinstance(column.expression, JoinedValues)]
        whole = not (query.has_filters() or query.distinct or query.annotations or query.order_by)
        if not (joined and whole and self.order_by == ("pk",)):
            rows = self.rows(queryset)
            return (*rows.query.sql_with_params(), rows.db)
        kept = {f"_{column.name}": column.select() for column in self.columns if column not in joined}
        base = queryset.order_by().annotate(_row_key=F("pk"), **kept).values_list("_row_key", *kept)
        sql, params = base.query.sql_with_params()
        cells, cell_params, joins, join_params = [], [], [], []
        for column in self.columns:
            if column not in joined:
                cells.append(f'base."_{column.name}" AS "_{column.name}"')
                continue
            alias = f"joined_{len(joins)}"
            # Guarded, as Column.select does
            cells.append(f'regexp_replace({alias}.joined::text, %s, %s) AS "_{column.name}"')
            cell_params += GUARD_PARAMS
            grouped_sql, grouped_params = column.expression.grouped.query.sql_with_params()
            on = f"{alias}.link = base._row_key"
            joins.append(f"LEFT JOIN ({grouped_sql}) AS {alias} (link, joined) ON {on}")
            join_params += grouped_params
        select = f"SELECT {', '.join(cells)} FROM ({sql}) AS base {' '.join(joins)} ORDER BY base._row_key"
        return select, (*cell_params, *params, *join_params), base.db

    def filename(self, *, on: date | None = None) -> str:
        return f"{self.name}-{(on or date.today()).isoformat()}.csv"


# Types whose cells PostgreSQL prints without a comma, quote or line break: never quoted.
UNQUOTED_TYPES = {"integer", "decimal", "date", "boolean", "timestamp"}


def csv_lines(table: Table, sql: str) -> str:
    """A SELECT of each row of `sql` as one CSV line, CRLF included, quoted as the csv
    module quotes (QUOTE_MINIMAL: a cell holding a comma, a quote or a line break is
    put in quotes, its quotes doubled; NULL is an empty cell)."""
    cells = []
    for column in table.columns:
        cell = f'cells."_{column.name}"'
        if column.type not in UNQUOTED_TYPES:
            quoted = f"'\"' || replace({cell}, '\"', '\"\"') || '\"'"
            cell = f"CASE WHEN {cell} ~ '[\",\\r\\n]' THEN {quoted} ELSE {cell} END"
        cells.append(f"coalesce({cell}, '')")
    line = " || ',' || ".join(cells)
    return f"SELECT {line} || E'\\r\\n' FROM ({sql}) AS cells"


def csv_chunks(table: Table, queryset) -> Iterator[str]:
    """The CSV text of a table, header first, in chunks of rows read from a server-side cursor.

    PostgreSQL already made every cell CSV-ready (see `Column.select`) and each row one
    quoted line (`csv_lines`), so Python joins a chunk's lines and does no per-cell work:
    at a million pledges, reading 28 cells a row into Python and through the csv module
    took longer than the query.
    """
    sql, params, using = table.sql(queryset)
    header = io.StringIO()
    csv.writer(header, lineterminator="\r\n").writerow(table.header)
    yield header.getvalue()
    with connections[using].chunked_cursor() as cursor:
        cursor.execute(csv_lines(table, sql), params)
        while chunk := cursor.fetchmany(CHUNK_ROWS):
            yield "".join(line for (line,) in chunk)


class _Drain(io.RawIOBase):
    """A write-only stream whose bytes are taken away as they arrive (for streaming a ZIP)."""

    def __init__(self):
        self.pending = bytearray()

    def writable(self):
        return True

    def write(self, data):
        self.pending += data
        return len(data)

    def take(self) -> bytes:
        data, self.pending = bytes(self.pending), bytearray()
        return data


def zip_chunks(files: Iterable[tuple[str, Iterable[str]]]) -> Iterator[bytes]:
    """A ZIP archive of (name, text chunks) pairs, produced as it is written."""
    drain = _Drain()
    stamp = datetime.now().timetuple()[:6]
    with zipfile.ZipFile(drain, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in files:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(entry, "w") as member:
                for chunk in chunks:
                    member.write(chunk.encode("utf-8"))
                    yield drain.take()
    yield drain.take()
