"""A database constraint's refusal of a row, in words and on the field it is about.

PostgreSQL names the constraint a row broke; the model says what it means (its
violation_error_message) and which fields it reads. A message never shows SQL, a
constraint's name alone, or a server path.
"""

import re

from django.db.models import CheckConstraint, F, Q, UniqueConstraint

_KEY_DETAIL = re.compile(r"Key \((?P<columns>[^)]*)\)=\((?P<values>.*)\) already exists")


def referenced_fields(condition) -> list[str]:
    """The model fields a constraint's condition reads, in order of appearance."""
    names = []
    for child in condition.children if isinstance(condition, Q) else []:
        if isinstance(child, Q):
            names += referenced_fields(child)
            continue
        lookup, value = child
        names.append(lookup.split("__")[0])
        if isinstance(value, F):
            names.append(value.name.split("__")[0])
    return list(dict.fromkeys(names))


def _field_name(model, name: str) -> str | None:
    if name == "pk":
        return model._meta.pk.name
    try:
        return model._meta.get_field(name).name
    except Exception:
        return None


def _constraint_words(model, constraint) -> tuple[str | None, str]:
    if isinstance(constraint, UniqueConstraint):
        fields = list(constraint.fields)
    elif isinstance(constraint, CheckConstraint):
        fields = referenced_fields(constraint.condition)
    else:
        fields = []
    fields = [name for name in (_field_name(model, f) for f in fields) if name]
    if constraint.violation_error_message != constraint.default_violation_error_message:
        message = str(constraint.violation_error_message)
    elif isinstance(constraint, UniqueConstraint):
        message = f"Another {model._meta.verbose_name} has the same {', '.join(fields)}."
    else:
        readable = [model._meta.get_field(name).verbose_name for name in fields]
        message = f"These values do not fit together: {', '.join(readable)}."
    if isinstance(constraint, UniqueConstraint):
        return None, message  # about the row as a whole
    return (fields[0] if fields else None), message


def integrity_error_messages(model, error) -> dict[str | None, str]:
    """{field name or None (the whole row): message} for an IntegrityError of `model`."""
    diag = getattr(error.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    for constraint in model._meta.constraints:
        if constraint.name == name:
            field, message = _constraint_words(model, constraint)
            return {field: message}
    match = _KEY_DETAIL.search(getattr(diag, "message_detail", None) or "")
    if match:  # a unique column (unique=True) rather than a named constraint
        columns = [c.strip() for c in match["columns"].split(",")]
        fields = [f for f in model._meta.concrete_fields if f.column in columns]
        if fields:
            label = ", ".join(str(f.verbose_name) for f in fields)
            message = f"Another {model._meta.verbose_name} has this {label}: {match['values']}."
            return {fields[0].name: message}
    primary = getattr(diag, "message_primary", None) or "The database refused the row."
    return {None: primary[0].upper() + primary[1:] + ("" if primary.endswith(".") else ".")}
