"""Writes to agreements, and the one rule that turns milestones into a status."""

from django.db import transaction

from agreements.models import Agreement, AgreementStatus, Milestone, MilestoneKind
from core.services import validate

# Each milestone moves the agreement to a status; a later stage outranks an earlier
# one whatever the dates say, and an ending outranks everything. Publication of the
# text changes nothing.
STATUS_BY_MILESTONE = {
    MilestoneKind.TALKS_STARTED: AgreementStatus.NEGOTIATING,
    MilestoneKind.CONCLUDED: AgreementStatus.CONCLUDED,
    MilestoneKind.SIGNED: AgreementStatus.SIGNED,
    MilestoneKind.RATIFIED: AgreementStatus.RATIFIED,
    MilestoneKind.IN_FORCE: AgreementStatus.IN_FORCE,
    MilestoneKind.EXPIRED: AgreementStatus.EXPIRED,
    MilestoneKind.TERMINATED: AgreementStatus.TERMINATED,
}
STATUS_RANK = list(AgreementStatus.values)


def derive_status(milestones) -> str:
    """The status an agreement has reached, from its preferred milestones."""
    reached = [
        STATUS_BY_MILESTONE[m.kind] for m in milestones if m.is_preferred and m.kind in STATUS_BY_MILESTONE
    ]
    return max(reached, key=STATUS_RANK.index, default=AgreementStatus.PLANNED)


def agreement_refresh_status(*, agreement: Agreement) -> Agreement:
    """Store the derived status and signing date on the agreement, for fast lists."""
    milestones = list(agreement.milestones.order_by("date", "pk"))
    signing = next((m for m in milestones if m.kind == MilestoneKind.SIGNED and m.is_preferred), None)
    derived = {
        "status": derive_status(milestones),
        "signed_on": signing.date if signing else None,
        "signed_precision": signing.date_precision if signing else "",
    }
    if any(getattr(agreement, field) != value for field, value in derived.items()):
        for field, value in derived.items():
            setattr(agreement, field, value)
        # Saved only on a change, so the history holds no empty revisions.
        agreement.save(update_fields=[*derived, "updated_at"])
    return agreement


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
