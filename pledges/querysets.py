from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum

from core.search import SearchQuerySetMixin


class PledgeQuerySet(SearchQuerySetMixin, models.QuerySet):
    def top_level(self):
        """Pledges that are not a share of a larger one: the ones totals add up."""
        return self.filter(part_of__isnull=True)

    def without_shares_of(self, pledges):
        """Drop the pledges that are a share of one in `pledges`, so a sum counts it once.

        NOT EXISTS on the primary key, not NOT IN: an anti-join stays fast over millions.
        """
        parent_listed = pledges.order_by().filter(pk=OuterRef("part_of_id"))
        return self.filter(Q(part_of__isnull=True) | ~Exists(parent_listed))

    def total_eur(self):
        return self.without_shares_of(self).aggregate(total=Sum("amount_eur"))["total"]
