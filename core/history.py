"""Reading the audit trail for pages: the last change of a record, the latest changes overall."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain

from django.db.models import Min, Q

# Columns of a history row that name the record, tried in order.
NAMING_FIELDS = ("title", "name", "purpose")
# What each tracked model's history rows load to describe themselves without more queries.
RELATED_FOR_LABEL = {"milestone": ["agreement"], "pledge": ["donor"]}


@dataclass(frozen=True)
class Change:
    date: datetime
    action: str
    label: str
    user: str
    reason: str = ""


# The revisions written within this long of the very first one are the filling of an
# empty database (seed: the rate table, then every data/ file, whose derived fields are
# saved again just after): when the data were loaded, not when they changed, so the
# latest changes leave them out.
FIRST_LOAD_WINDOW = timedelta(minutes=30)


def first_load_ends(models) -> datetime | None:
    """When the filling of the empty database ended (see FIRST_LOAD_WINDOW); None before any history."""
    firsts = [model.history.values(first=Min("history_date")) for model in models]
    starts = [row["first"] for row in firsts[0].union(*firsts[1:], all=True) if row["first"]]
    return min(starts) + FIRST_LOAD_WINDOW if starts else None


def last_change(instance):
    """The newest history row of a record, with who made it (None if it has no history)."""
    return instance.history.select_related("history_user").order_by("-history_date").first()


def _label(row, model) -> str:
    name = model._meta.model_name
    if name == "milestone":
        return f"milestone “{row.get_kind_display()}” of {row.agreement.title}"
    if name == "pledge" and row.purpose:
        return f"pledge by {row.donor.name}: {row.purpose}"
    text = next((getattr(row, field) for field in NAMING_FIELDS if getattr(row, field, "")), f"#{row.id}")
    return f"{model._meta.verbose_name} “{text}”"


def latest_changes(models, *, limit: int = 10) -> list[Change]:
    """The newest changes across several tracked models, one query per model and one in all: what was
    added, changed or deleted since the database was first filled (first_load_ends)."""
    loaded_until = first_load_ends(models)
    first_load = Q(history_date__lte=loaded_until) if loaded_until else Q(pk__in=[])
    rows = chain.from_iterable(
        (
            (row, model)
            for row in model.history.exclude(first_load)
            .select_related("history_user", *RELATED_FOR_LABEL.get(model._meta.model_name, []))
            .order_by("-history_date")[:limit]
        )
        for model in models
    )
    newest = sorted(rows, key=lambda pair: pair[0].history_date, reverse=True)[:limit]
    return [
        Change(
            date=row.history_date,
            action=row.get_history_type_display().lower(),
            label=_label(row, model),
            user=row.history_user.get_username() if row.history_user else "",
            reason=row.history_change_reason or "",
        )
        for row, model in newest
    ]
