"""Promised against allocated against delivered: what a set of commitments became.

A commitment is a pledge announced or committed; its evidence of delivery is a later
pledge row (status allocated or delivered) linked to it by `fulfils`, entered from what
a government report, a ministry or a research dataset states, with its source. What
counts as delivered: only such sourced rows with status "delivered"; an allocation is
money set aside for a purpose, not yet handed over."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from pledges.choices import PledgeStatus
from sources.models import Citation

PROMISED = (PledgeStatus.ANNOUNCED, PledgeStatus.COMMITTED)
ALLOCATED, DELIVERED = PledgeStatus.ALLOCATED, PledgeStatus.DELIVERED


@dataclass
class PromiseRecord:
    """One commitment and the allocations and deliveries that fulfil it."""

    promise: object  # a Pledge
    fulfilments: list = field(default_factory=list)

    def _sum(self, status):
        euros = [f.amount_eur for f in self.fulfilments if f.status == status and f.amount_eur is not None]
        return sum(euros) if euros else None

    @property
    def allocated_eur(self):
        return self._sum(ALLOCATED)

    @property
    def delivered_eur(self):
        return self._sum(DELIVERED)

    @property
    def delivered_share(self) -> Decimal | None:
        """Delivered euros as a share of the promise (may pass 1: more was delivered)."""
        if not self.promise.amount_eur or self.delivered_eur is None:
            return None
        return self.delivered_eur / self.promise.amount_eur


def delivery_figures(pledges) -> dict:
    """Per year, EUR promised, allocated and delivered by a set of pledges (an agreement's,
    a donor's), and each commitment with its evidence of delivery and their sources.

    The allocations and deliveries are the set's own rows with those statuses and the
    rows that fulfil one of its commitments (a delivery need not name the agreement).
    Each column adds each euro once (PledgeQuerySet.counted), by yearly parts."""
    Pledge = pledges.model
    # One IN over a UNION, not `pk IN (set) OR fulfils IN (set)`: PostgreSQL cannot join
    # an OR of two subqueries, so it read every allocated pledge (an agreement's page at
    # 1M pledges: 0.9 s a column) rather than look the set's few rows up by key.
    fulfilling = Pledge.objects.filter(fulfils__in=pledges.values("pk")).values("pk")
    evidence = Pledge.objects.filter(
        pk__in=pledges.order_by().values("pk").union(fulfilling), status__in=(ALLOCATED, DELIVERED)
    )
    columns = {
        "promised": pledges.filter(status__in=PROMISED).totals_eur_by_year(),
        "allocated": evidence.filter(status=ALLOCATED).totals_eur_by_year(),
        "delivered": evidence.filter(status=DELIVERED).totals_eur_by_year(),
    }
    years = sorted(set().union(*columns.values()))
    citations = Prefetch("citations", queryset=Citation.objects.select_related("source"))
    promises = (
        pledges.filter(status__in=PROMISED, fulfilments__isnull=False)
        .distinct()
        .select_related("donor")
        .prefetch_related(
            Prefetch(
                "fulfilments",
                queryset=Pledge.objects.order_by("announced_on", "pk").prefetch_related(citations),
            )
        )
        .order_by("period_start_year", "pk")
    )
    # The commitments with a sum that no sourced row fulfils, neither them nor a share of
    # them, counted once as the promised column counts them: the page names them, so a
    # gap reads as a gap.
    without_evidence = (
        pledges.filter(status__in=PROMISED)
        .counted()
        .filter(amount_eur__isnull=False, fulfilments__isnull=True)
        .exclude(parts__fulfilments__isnull=False)
        .select_related("donor")
        .order_by("period_start_year", "pk")
    )
    return {
        "by_year": [(year, *(columns[name].get(year) for name in columns)) for year in years],
        "promise_records": [PromiseRecord(p, list(p.fulfilments.all())) for p in promises],
        "without_evidence": list(without_evidence),
    }
