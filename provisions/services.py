"""Writes to the provisions matrix: every one validated, in a transaction."""

from core.services import record_save


def agreement_provision_save(*, cell, reason: str = "", checked_by_database: bool = False):
    """Save one coded cell; its value must fit its provision's type (AgreementProvision.clean)."""
    return record_save(record=cell, reason=reason, checked_by_database=checked_by_database)
