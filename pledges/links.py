"""The rules of a pledge's two links, checked by Pledge.clean: a share (part_of) splits
a larger pledge; a fulfilment (fulfils) is evidence of delivery of a commitment. Totals
count each euro once only if these hold (PledgeQuerySet.counted)."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from pledges.choices import PledgeStatus


def check_share(pledge):
    """A share (part_of) is of a pledge by the same donor, two levels deep at most, never of itself."""
    if pledge.part_of_id is None:
        return
    try:
        whole = pledge.part_of
    except ObjectDoesNotExist:
        return  # the foreign key refuses an unknown id (an import names it on its column)
    if whole.donor_id != pledge.donor_id:
        raise ValidationError(
            {"part_of": f"A pledge can only be a share of one by the same donor ({whole.donor})."}
        )
    seen = set()
    while whole is not None and whole.pk not in seen:
        if pledge.pk is not None and whole.pk == pledge.pk:
            raise ValidationError({"part_of": "A pledge cannot be a share of itself or of its own shares."})
        seen.add(whole.pk)
        whole = whole.part_of
    # Totals count a share unless its larger pledge, or that one's, is selected too
    # (PledgeQuerySet.counted): deeper nesting could be counted twice, so two levels at
    # most (a programme, a framework within it, a year's part of the framework).
    if pledge.part_of.part_of_id and pledge.part_of.part_of.part_of_id:
        raise ValidationError(
            {"part_of": "That pledge is itself a share of a share; choose a larger pledge above it."}
        )
    if (
        pledge.pk
        and pledge.parts.exists()
        and (pledge.part_of.part_of_id or pledge.parts.filter(parts__isnull=False).exists())
    ):
        raise ValidationError(
            {"part_of": "This pledge has shares of its own, so its larger pledge must be no share."}
        )


def check_fulfilment(pledge):
    """Evidence of delivery points at the commitment itself, one level deep, and is no
    share itself: totals then count the commitment once (PledgeQuerySet.counted). The
    commitment may be a share (a year's military part of a programme)."""
    if pledge.fulfils_id is None:
        return
    try:
        promise = pledge.fulfils
    except ObjectDoesNotExist:
        return  # the foreign key refuses an unknown id
    problems = []
    if pledge.pk is not None and promise.pk == pledge.pk:
        problems.append("A pledge cannot fulfil itself.")
    if promise.donor_id != pledge.donor_id:
        problems.append(f"A pledge can only fulfil a commitment of the same donor ({promise.donor}).")
    if promise.fulfils_id:
        problems.append("That pledge is itself evidence of delivery; choose the commitment it fulfils.")
    if pledge.part_of_id:
        problems.append("A share cannot fulfil a commitment; link its larger pledge instead.")
    if pledge.status not in (PledgeStatus.ALLOCATED, PledgeStatus.DELIVERED):
        problems.append("Only an allocation or a delivery fulfils a commitment; set its status.")
    if pledge.pk and pledge.fulfilments.exists():
        problems.append("Allocations or deliveries fulfil this pledge, so it cannot fulfil another.")
    if problems:
        raise ValidationError({"fulfils": problems})
