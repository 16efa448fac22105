"""Writes to the provisions matrix: every one validated, in a transaction."""

from core.services import record_save, validate


def agreement_provision_save(*, cell, reason: str = "", checked_by_database: bool = False):
    """Save one coded cell; its value must fit its provision's type (AgreementProvision.clean).

    Validated before record_save's transaction, which has no savepoint: a refusal raised
    inside it would leave the caller's transaction (data_load's) unusable for its report.
    """
    validate(cell, checked_by_database=checked_by_database)
    return record_save(record=cell, reason=reason, checked_by_database=True)
