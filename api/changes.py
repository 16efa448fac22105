"""Which records changed since a time, for `updated_since`: not only rows whose own
`updated_at` moved, but every row whose record, as the API shows it, reads a changed row.

A record is built from its table's export columns (core/csv_export.py), and some of
them read other rows: a related row's field (`donor__slug`: the party renamed), or
joined related rows (`party_slugs`, `source_ids`: a party added to an agreement, a
citation deleted). Each is found from the column definitions themselves, so a new
column is covered without a list kept here:

- a path through foreign keys: the row it reaches changed (its `updated_at`);
- a joined subquery over related rows: one of them was added, changed or deleted since
  (their history, which keeps deletions too), or a row they show a field of changed.
  Rows of a many-to-many link without history of their own are recorded in the owning
  row's history (django-simple-history's m2m_fields).
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.expressions import Col

from api.records import is_multi_valued
from core.csv_export import Table


def _has_updated_at(model) -> bool:
    return any(field.name == "updated_at" for field in model._meta.concrete_fields)


def _columns_read(expression):
    if isinstance(expression, Col):
        yield expression
    for source in expression.get_source_expressions():
        if source is not None:
            yield from _columns_read(source)


def _path(query, column: Col) -> list[str]:
    """The foreign keys a resolved column is reached through, from the query's model."""
    path, alias = [], column.alias
    while getattr(query.alias_map.get(alias), "join_field", None) is not None:
        join = query.alias_map[alias]
        path.insert(0, join.join_field.name)
        alias = join.parent_alias
    return path


def _path_changed(model, path: list[str], since) -> Q | None:
    """Rows of `model` whose row at the end of `path` (foreign keys) changed since."""
    target = model
    for name in path:
        target = target._meta.get_field(name).related_model
    if not path or not _has_updated_at(target):
        return None
    # `IN (the few changed rows)` rather than a join: the database looks them up once.
    return Q(**{f"{'__'.join(path)}__in": target._default_manager.filter(updated_at__gte=since).values("pk")})


def _joined_changed(owner, expression, since) -> list[Q]:
    query, link = expression.query, expression.link
    related = query.model
    conditions = []
    if hasattr(related, "history"):  # added, changed or deleted (history_date is indexed)
        conditions.append(Q(pk__in=related.history.filter(history_date__gte=since).values(f"{link}_id")))
    elif hasattr(owner, "history"):  # a many-to-many link: recorded in the owner's history
        conditions.append(Q(pk__in=owner.history.filter(history_date__gte=since).values("id")))
    paths = {tuple(_path(query, column)) for column in _columns_read(query.annotations["joined"])}
    for path in sorted(paths):
        condition = _path_changed(related, list(path), since)
        if condition is not None:
            conditions.append(Q(pk__in=related._default_manager.filter(condition).values(link)))
    return conditions


def changed_since(table: Table, since) -> Q:
    """The rows of the table whose record may differ from what it was at `since`."""
    conditions = [Q(updated_at__gte=since)]
    for column in table.columns:
        expression = column.expression
        if isinstance(expression, str) and "__" in expression:
            condition = _path_changed(table.model, expression.split("__")[:-1], since)
            conditions += [condition] if condition is not None else []
        elif is_multi_valued(column):
            conditions += _joined_changed(table.model, expression, since)
    return reduce(or_, conditions)
