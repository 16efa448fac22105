"""Writes to agreements; their status comes from the rule in agreements/status.py."""

import datetime

from django.db import router, transaction
from django.utils import timezone

from agreements.models import Agreement, Milestone
from core.services import validate


def agreement_refresh_status(*, agreement: Agreement, on: datetime.date | None = None) -> Agreement:
    """Store the status and signing date the agreement has on `on` (today), for fast lists."""
    on = on or timezone.localdate()
    # Read where the write goes: the milestones just saved are not on a replica yet.
    then = (
        Agreement.objects.using(router.db_for_write(Agreement))
        .with_status_on(on)
        .values("status_then", "signed_then", "signed_precision_then")
        .get(pk=agreement.pk)
    )
    derived = {
        "status": then["status_then"],
        "signed_on": then["signed_then"],
        "signed_precision": then["signed_precision_then"] or "",
    }
    if any(getattr(agreement, field) != value for field, value in derived.items()):
        for field, value in derived.items():
            setattr(agreement, field, value)
        # Saved only on a change, so the history holds no empty revisions.
        agreement.save(update_fields=[*derived, "updated_at"])
    return agreement


@transaction.atomic
def agreements_refresh_statuses(*, on: datetime.date | None = None) -> list[Agreement]:
    """Advance the stored status of every agreement a milestone's date has changed (run daily)."""
    on = on or timezone.localdate()
    outdated = Agreement.objects.using(router.db_for_write(Agreement)).status_outdated(on=on)
    return [agreement_refresh_status(agreement=agreement, on=on) for agreement in outdated]


@transaction.atomic
def milestone_save(*, milestone: Milestone, checked_by_database: bool = False) -> Milestone:
    validate(milestone, checked_by_database=checked_by_database)
    milestone.save()
    agreement_refresh_status(agreement=milestone.agreement)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    agreement = milestone.agreement
    milestone.delete()
    agreement_refresh_status(agreement=agreement)
