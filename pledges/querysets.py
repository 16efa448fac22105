from django.db import models
from django.db.models import Case, DecimalField, Exists, F, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear

from core.search import SearchQuerySetMixin
from pledges.choices import PledgeStatus
from pledges.delivery import delivery_figures

# The statuses a total is split by, in the order money moves (PledgeStatus's order):
# promised (announced or committed), set aside for a purpose, handed over.
STATUS_ORDER = tuple(PledgeStatus.values)


def amount_in_all():
    """The amount over the whole period, in its own currency: a yearly amount times its years."""
    years = F("period_end_year") - F("period_start_year") + Value(1)
    return Case(
        When(amount_basis="per_year", then=F("amount") * years),
        default=F("amount"),
        output_field=DecimalField(max_digits=24, decimal_places=2),
    )


class PledgeQuerySet(SearchQuerySetMixin, models.QuerySet):
    def counted(self, *, per=()):
        """The pledges of this selection that its totals add up: THE rule of every total.

        A selection's total counts each euro once: a share of a larger pledge counts
        unless that larger pledge, with a sum, is in the selection too. So a share whose category
        (or donor...) differs from its larger pledge's counts in its own category's
        total and, inside the larger one, in that one's: category totals can add up to
        more than the grand total (templates/components/total_note.html says so).
        Evidence of delivery (`fulfils`) is the same money as the commitment it carries
        out: it counts unless that commitment, with a sum, is in the selection (or group) too.

        `per` names the fields (or annotations) a grouped total splits on: each group
        is its own selection, so a share is dropped only when its larger pledge is in
        the same group. Shares nest two levels deep at most (Pledge.clean: a programme,
        a framework within it, a year's part of the framework), so a share is dropped
        when its larger pledge or that one's is listed; fulfilments are one level deep.

        NOT EXISTS on the primary key, not NOT IN: an anti-join stays fast over millions.
        """
        selection = self.order_by()
        same_group = {f: OuterRef(f) for f in per}
        # A larger pledge or a commitment with no sum ("0.25% of GDP") holds no euros: its
        # shares' and its deliveries' euros are all that is known of it, so they count.
        holds_euros = {"amount_eur__isnull": False, **same_group}
        parent_listed = selection.filter(pk=OuterRef("part_of_id"), **holds_euros)
        # The larger pledge's own larger one: a listed pledge one of whose shares is the parent.
        grandparent_listed = selection.filter(parts__pk=OuterRef("part_of_id"), **holds_euros)
        promise_listed = selection.filter(pk=OuterRef("fulfils_id"), **holds_euros)
        return self.filter(
            Q(part_of__isnull=True) | (~Exists(parent_listed) & ~Exists(grandparent_listed))
        ).filter(Q(fulfils__isnull=True) | ~Exists(promise_listed))

    def total_eur(self):
        """EUR total of the selection, each euro once (`counted`); None when no pledge has a sum."""
        return self.order_by().counted().aggregate(total=Sum("amount_eur"))["total"]

    def totals_eur_by(self, *fields: str) -> dict:
        """{value of `field`: EUR total of the pledges with that value}, each a selection of its own;
        with several fields, keyed by the tuple of their values (("norway", "delivered"): ...)."""
        rows = self.order_by().counted(per=fields).exclude(amount_eur__isnull=True)
        totals = rows.values_list(*fields).annotate(total=Sum("amount_eur")).order_by()
        if len(fields) == 1:
            return dict(totals)
        return {tuple(row[:-1]): row[-1] for row in totals}

    def totals_eur_by_status(self) -> dict:
        """{status: EUR total}, in the order money moves (announced ... delivered), only the
        statuses that have a sum. Each status is a selection of its own: a delivery counts
        under "delivered" and the commitment it fulfils under "committed", while the grand
        total (`total_eur`) counts that money once."""
        totals = self.totals_eur_by("status")
        return {status: totals[status] for status in STATUS_ORDER if status in totals}

    def totals_eur_by_year(self) -> dict:
        """{year: EUR total}, oldest first: each pledge's yearly parts in their years (a
        five-year programme in each of its five), each euro once (`counted`), so the years
        add up to `total_eur`. A pledge without parts (rows written in bulk by SQL) counts
        in its reference year (announced, else the period's first)."""
        reference_year = Coalesce(
            ExtractYear("announced_on"), F("period_start_year"), output_field=IntegerField()
        )
        rows = (
            self.order_by()
            .counted()
            .exclude(amount_eur__isnull=True)
            .annotate(
                part_year=Coalesce("years__year", reference_year),
                part_eur=Coalesce("years__amount_eur", "amount_eur"),
            )
            .exclude(part_year__isnull=True)
            .values_list("part_year")
            .annotate(total=Sum("part_eur"))
            .order_by("part_year")
        )
        return dict(rows)

    def delivery_figures(self) -> dict:
        """Promised against allocated against delivered, per year and per commitment
        (pledges.delivery); a method so the agreement and party pages reach it through
        their relation to Pledge, as apps below pledges must."""
        return delivery_figures(self)
