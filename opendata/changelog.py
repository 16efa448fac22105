"""What changed between two moments, read from django-simple-history's records.

For each exported table with a history, each row touched between the two moments is
compared as it stood at the first (its newest history record up to then) with how it
stands at the second: a row that did not exist before is added, one gone after is
removed, one whose values differ is corrected, with each changed field's value before
and after. A row added and removed in between, or saved without a change, is no change.

Public: a change carries no editor's user name (history_user is never read) and no
change reason (an editor may type anything there); only the table, the row's id and
label, the fields and the time of the last edit.
"""

from datetime import datetime

from portal.datasets import TABLES

ADDED, CORRECTED, REMOVED = "added", "corrected", "removed"
# Kept up to date by the database on every write: a change to it alone is no correction.
IGNORED_FIELDS = {"updated_at"}


def history_tables():
    """(table, historical model) of each exported table whose rows keep a history."""
    return [(table, table.model.history.model) for table in TABLES if hasattr(table.model, "history")]


def tracked_fields(historical) -> list:
    """The copied fields of a historical model, less the history's own and IGNORED_FIELDS."""
    return [
        field
        for field in historical._meta.concrete_fields
        if not field.name.startswith("history_") and field.name not in IGNORED_FIELDS
    ]


def _newest_per_row(historical, **filters) -> dict:
    """Each row's newest history record among those the filters select, by the row's id."""
    records = (
        historical.objects.filter(**filters)
        .order_by("id", "-history_date", "-history_id")
        .distinct("id")
        .select_related(None)
    )
    return {record.id: record for record in records}


def _shown(value):
    """A value as the changelog shows it: JSON-ready, dates and decimals as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _label(record) -> str:
    try:
        return str(record.instance)
    except Exception:  # a label is a courtesy: a row whose related row has gone still has its id
        return f"#{record.id}"


def changes_between(start: datetime | None, end: datetime) -> list[dict]:
    """Every change to the exported rows after `start` (from the beginning if None) up to
    and including `end`, in table order then by row id."""
    changes = []
    for table, historical in history_tables():
        window = {"history_date__lte": end}
        if start is not None:
            window["history_date__gt"] = start
        ids = list(historical.objects.filter(**window).order_by().values_list("id", flat=True).distinct())
        if not ids:
            continue
        after = _newest_per_row(historical, id__in=ids, **window)
        before = _newest_per_row(historical, id__in=ids, history_date__lte=start) if start is not None else {}
        fields = tracked_fields(historical)
        for row_id in sorted(ids):
            old, new = before.get(row_id), after[row_id]
            old = old if old is not None and old.history_type != "-" else None
            new = new if new.history_type != "-" else None
            entry = {"table": table.name, "id": row_id}
            if old is None and new is None:
                continue
            if old is None:
                entry.update(action=ADDED, label=_label(new))
            elif new is None:
                entry.update(action=REMOVED, label=_label(old))
            else:
                fields_changed = [
                    {
                        "field": field.attname,
                        "before": _shown(getattr(old, field.attname)),
                        "after": _shown(getattr(new, field.attname)),
                    }
                    for field in fields
                    if getattr(old, field.attname) != getattr(new, field.attname)
                ]
                if not fields_changed:
                    continue
                entry.update(action=CORRECTED, label=_label(new), changes=fields_changed)
            entry["at"] = (new or after[row_id]).history_date.isoformat()
            changes.append(entry)
    return changes
