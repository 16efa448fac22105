"""Validation shared by every write service, and the write of a record that needs nothing more."""

from django.db import models, transaction


def validate(record, *, checked_by_database: bool = False) -> None:
    """full_clean, as before every save.

    A bulk writer (data_load) whose rows reference rows it just wrote may leave the
    references and the table's constraints to PostgreSQL, which checks each on save:
    otherwise each costs a query per row. A violation then aborts the writer's transaction.
    """
    if not checked_by_database:
        record.full_clean()
        return
    references = [f.name for f in record._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    record.full_clean(exclude=references, validate_unique=False, validate_constraints=False)


# No savepoint of its own: a failed save aborts the caller's whole transaction, which is
# what every caller wants, and a bulk writer saves two queries a row.
@transaction.atomic(savepoint=False)
def record_save(*, record, reason: str = "", checked_by_database: bool = False):
    """Validate and save a record; `reason` is written into its history row."""
    validate(record, checked_by_database=checked_by_database)
    if reason:
        record._change_reason = reason
    record.save()
    return record
