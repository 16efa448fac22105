from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum

from core.search import SearchQuerySetMixin


class PledgeQuerySet(SearchQuerySetMixin, models.QuerySet):
    def counted(self, *, per=()):
        """The pledges of this selection that its totals add up: THE rule of every total.

        A selection's total counts each euro once: a share of a larger pledge counts
        unless that larger pledge is in the selection too. So a share whose category
        (or donor...) differs from its larger pledge's counts in its own category's
        total and, inside the larger one, in that one's: category totals can add up to
        more than the grand total (templates/components/total_note.html says so).

        `per` names the fields (or annotations) a grouped total splits on: each group
        is its own selection, so a share is dropped only when its larger pledge is in
        the same group. Shares are one level deep (Pledge.clean), so the parent is the
        only pledge that can already hold a share's euros.

        NOT EXISTS on the primary key, not NOT IN: an anti-join stays fast over millions.
        """
        selection = self.order_by()
        parent_listed = selection.filter(pk=OuterRef("part_of_id"), **{f: OuterRef(f) for f in per})
        return self.filter(Q(part_of__isnull=True) | ~Exists(parent_listed))

    def total_eur(self):
        """EUR total of the selection, each euro once (`counted`); None when no pledge has a sum."""
        return self.order_by().counted().aggregate(total=Sum("amount_eur"))["total"]

    def totals_eur_by(self, field: str, *more: str) -> dict:
        """{value of `field`: EUR total of the pledges with that value}, each a selection of its own.

        With more fields (`totals_eur_by("donor", "status")`) the keys are tuples of their
        values, one group per combination, in one query."""
        fields = (field, *more)
        rows = self.order_by().counted(per=fields).exclude(amount_eur__isnull=True)
        grouped = rows.values_list(*fields).annotate(total=Sum("amount_eur")).order_by()
        if not more:
            return dict(grouped)
        return {tuple(values): total for *values, total in grouped}
