"""Writes to the provisions matrix: every one validated, in a transaction."""

from django.db import transaction

from core.services import validate


@transaction.atomic
def agreement_provision_save(*, cell, reason: str = "", checked_by_database: bool = False):
    """Save one coded cell; its value must fit its provision's type (AgreementProvision.clean)."""
    validate(cell, checked_by_database=checked_by_database)
    if reason:
        cell._change_reason = reason
    cell.save()
    return cell
