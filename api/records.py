"""A table's rows as JSON records, from the same column definitions as the CSV exports.

Each exported `Column` (core/csv_export.py) names an ORM path or expression, a type and
a meaning; the API reads the same expressions but keeps PostgreSQL's typed values
instead of CSV text: numbers as numbers, true/false, ISO 8601 dates and UTC times,
null for an empty cell, and lists for the cells the CSV joins with "; ". Amounts
(decimal columns) are strings, so no digit is lost to floating point.
"""

from django.db.models import F, Subquery

from core.csv_export import MULTI_VALUE_SEPARATOR, Column, Table


def _expression(column: Column):
    source = column.expression if column.expression is not None else column.name
    return F(source) if isinstance(source, str) else source


def is_multi_valued(column: Column) -> bool:
    """Whether the CSV cell joins several values with "; " (a core.csv_export `joined*`
    subquery, which aggregates the related rows into its `joined` annotation)."""
    expression = column.expression
    return isinstance(expression, Subquery) and "joined" in expression.query.annotations


def _convert(column: Column, value):
    if is_multi_valued(column):
        values = value.split(MULTI_VALUE_SEPARATOR) if value else []
        return [int(v) for v in values] if column.name.endswith("_ids") else values
    if value is None:
        return None
    if column.type == "decimal":
        return str(value)
    if column.type == "date":
        return value.isoformat()
    if column.type == "timestamp":
        return value.isoformat().replace("+00:00", "Z")
    return value


def records(table: Table, keys: list) -> list[dict]:
    """The rows with these primary keys, in this order, as JSON-ready dicts (one query)."""
    if not keys:
        return []
    selected = {f"_{column.name}": _expression(column) for column in table.columns}
    rows = table.model._default_manager.filter(pk__in=keys).annotate(**selected).values("pk", *selected)
    by_key = {row["pk"]: row for row in rows}
    return [
        {column.name: _convert(column, by_key[key][f"_{column.name}"]) for column in table.columns}
        for key in keys
        if key in by_key
    ]
