"""When two pledges of one donor may count the same money twice: the rule the pledge
admin warns with and the data-quality report lists."""

import re
from collections import defaultdict
from itertools import combinations

from pledges.models import Pledge, PledgeStatus


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _years(pledge: Pledge) -> tuple[int, int] | None:
    start = pledge.period_start_year or pledge.reference_year
    end = pledge.period_end_year or start
    return (start, end) if start else None


def _related(a: Pledge, b: Pledge) -> bool:
    """One is a share of the other, or both are shares of the same pledge; or one is the
    allocation or delivery of the other (`fulfils`), or of a pledge the other is a share
    of (a package of the year beside the year's earlier packages): totals count those once."""
    a_whole, b_whole = a.part_of_id or a.fulfils_id, b.part_of_id or b.fulfils_id
    return (
        a.part_of_id == b.pk
        or b.part_of_id == a.pk
        or bool(a_whole and a_whole == b_whole)
        or a.fulfils_id == b.pk
        or b.fulfils_id == a.pk
    )


def pledge_overlaps(pledges) -> list[tuple[Pledge, Pledge]]:
    """Pairs of sums of one donor over overlapping years for the same purpose (or under
    the same agreement in the same category), neither a share of the other: totals
    count both.

    Only pledges with an amount are compared: items and a basis ('0.25% of GDP') are
    not added to totals, so they cannot be counted twice.
    """
    groups = defaultdict(list)
    for pledge in pledges.exclude(status=PledgeStatus.CANCELLED).filter(amount__isnull=False).order_by("pk"):
        if _years(pledge) is None:
            continue
        if purpose := _normalised(pledge.purpose):
            groups[(pledge.donor_id, "purpose", purpose)].append(pledge)
        if pledge.agreement_id:
            groups[(pledge.donor_id, "agreement", pledge.agreement_id, pledge.category)].append(pledge)
    pairs = {}
    for group in groups.values():
        for a, b in combinations(group, 2):
            (a_start, a_end), (b_start, b_end) = _years(a), _years(b)
            if a_start <= b_end and b_start <= a_end and not _related(a, b):
                pairs[(a.pk, b.pk)] = (a, b)
    return list(pairs.values())


def overlap_problem(other: Pledge) -> str:
    return (
        f"Overlaps {other} (same donor, years and purpose or agreement) and neither is "
        "'part of' the other, so totals count both. Link the share to the whole, or waive."
    )


def possible_duplicates(*, donor, amount, currency, years, exclude_pk=None) -> list[Pledge]:
    """Recorded pledges of the donor that may be this one: a similar sum (same currency,
    within a tenth) over overlapping years (unknown years overlap everything)."""
    if donor is None or amount is None:
        return []
    found = []
    candidates = Pledge.objects.filter(donor=donor, currency=currency, amount__isnull=False)
    for other in candidates.exclude(status=PledgeStatus.CANCELLED).exclude(pk=exclude_pk).order_by("pk"):
        similar = abs(other.amount - amount) <= max(other.amount, amount) / 10
        theirs = _years(other)
        overlapping = not (years and theirs) or (years[0] <= theirs[1] and theirs[0] <= years[1])
        if similar and overlapping:
            found.append(other)
    return found
