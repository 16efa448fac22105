"""A Frictionless data package (datapackage.json) read off the export definitions.

Each exported `Table` already says its columns' names, types and meanings and the ORM
expression behind each cell; the model fields behind those expressions say the rest:
the primary key (the column exported from `pk`), foreign keys (a column exported from
a foreign key's id, or from the slug of the row it points to), enums (a field's
choices), which cells may be empty (a nullable or blank field) and lists (a cell of
joined values, `Column.is_multi_valued`). Nothing here is typed twice: a column added
to an exports.py appears in the package, and `tests/portal/test_datapackage.py`
validates the exported files against it with the `frictionless` package.

Data Package v2: a field's missingValues in object form carry what an empty cell means.
"""

from django.core.exceptions import FieldDoesNotExist

from core.csv_export import MULTI_VALUE_SEPARATOR, Column, Table

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
FIELD_TYPES = {
    "integer": "integer",
    "decimal": "number",
    "text": "string",
    "date": "date",
    "boolean": "boolean",
    "timestamp": "datetime",
}
# What an empty cell means when the column itself does not say more (Column.empty).
EMPTY_PRECISION = "no date, so no precision"
EMPTY_LIST = "none"
EMPTY_UNKNOWN = "not recorded: unknown, not stated by the sources, or not applicable"


def column_field(table: Table, column: Column):
    """The model field a column is exported from, following `a__b` paths; None for a
    computed cell (a joined list, a derived value)."""
    source = column.expression if column.expression is not None else column.name
    if not isinstance(source, str):
        return None
    model, field = table.model, None
    for part in source.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    return field


def _path(table: Table, column: Column) -> list[str]:
    source = column.expression if column.expression is not None else column.name
    return source.split("__") if isinstance(source, str) else []


def primary_key(table: Table) -> str:
    return next(column.name for column in table.columns if column.expression == "pk")


def _reference(table: Table, column: Column, tables_by_model: dict) -> dict | None:
    """The table and column a column points to: `x_id` to that table's key, `x__slug` to its slug."""
    path = _path(table, column)
    if len(path) not in (1, 2) or path == ["pk"]:
        return None
    try:
        link = table.model._meta.get_field(path[0])
    except FieldDoesNotExist:
        return None
    if not link.many_to_one:
        return None
    target = tables_by_model.get(link.related_model)
    if target is None:
        return None
    if len(path) == 1:
        to = primary_key(target)
    elif path[1] == "slug" and "slug" in target.header:
        to = "slug"
    else:
        return None
    return {"fields": [column.name], "reference": {"resource": target.name, "fields": [to]}}


def _empty_meaning(table: Table, column: Column) -> str:
    if column.empty:
        return column.empty
    if column.name.endswith("_precision"):
        return EMPTY_PRECISION
    if column.is_multi_valued:
        return EMPTY_LIST
    path = _path(table, column)
    link = column_field(table, Column(path[0], column.type, "", "")) if path else None
    if link is not None and link.many_to_one:  # agreement_id, framework_slug: the row links to none
        return f"none (links to no {link.related_model._meta.verbose_name})"
    return EMPTY_UNKNOWN


def _may_be_empty(table: Table, column: Column, field) -> bool:
    if field is None:
        return True
    if column.name == primary_key(table):
        return False
    # Along a path, any nullable link can leave the cell empty.
    model = table.model
    for part in _path(table, column):
        step = model._meta.pk if part == "pk" else model._meta.get_field(part)
        if step.null or (step.blank and column.type == "text"):  # a blank number or date is stored NULL
            return True
        model = step.related_model
    return False


def field_descriptor(table: Table, column: Column) -> dict:
    field = column_field(table, column)
    descriptor = {"name": column.name, "description": column.meaning, "example": column.example}
    if column.is_multi_valued:
        item_type = "integer" if column.name.endswith("_ids") else "string"
        descriptor.update(type="list", delimiter=MULTI_VALUE_SEPARATOR, itemType=item_type)
    else:
        descriptor["type"] = FIELD_TYPES[column.type]
    if column.type == "boolean":
        descriptor.update(trueValues=["true"], falseValues=["false"])
    if column.type == "timestamp":
        descriptor["format"] = "%Y-%m-%dT%H:%M:%SZ"
    if column.type == "date":
        precision = f"{column.name.removesuffix('_on')}_precision"  # signed_on: signed_precision
        if precision in table.header:
            descriptor["precisionField"] = precision
    constraints = {}
    if field is not None and field.choices and not column.is_multi_valued:
        constraints["enum"] = [str(value) for value, _ in field.flatchoices if value != ""]
    if _may_be_empty(table, column, field):
        descriptor["missingValues"] = [{"value": "", "label": _empty_meaning(table, column)}]
    else:
        constraints["required"] = True
    if column.name == primary_key(table) or (column.name == "slug" and field is not None and field.unique):
        constraints["unique"] = True
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def table_resource(table: Table, tables: list[Table]) -> dict:
    tables_by_model = {other.model: other for other in tables}
    foreign_keys = [
        reference
        for column in table.columns
        if (reference := _reference(table, column, tables_by_model)) is not None
    ]
    schema = {
        "fields": [field_descriptor(table, column) for column in table.columns],
        "primaryKey": [primary_key(table)],
        "missingValues": [""],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "description": table.description,
        **CSV_FORMAT,
        "schema": schema,
    }


# How every file is written (core/csv_export.py).
CSV_FORMAT = {
    "format": "csv",
    "mediatype": "text/csv",
    "encoding": "utf-8",
    "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\r\n"},
}
