from django.db import models
from django.db.models import Sum

from core.search import SearchQuerySetMixin


class PledgeQuerySet(SearchQuerySetMixin, models.QuerySet):
    def for_party(self, party):
        return self.filter(donor=party)

    def top_level(self):
        """Pledges that are not a share of a larger one: the ones totals add up."""
        return self.filter(part_of__isnull=True)

    def without_shares_of(self, pledges):
        """Drop the pledges that are a share of one in `pledges`, so a sum counts it once."""
        return self.exclude(part_of__in=pledges.values("pk"))

    def total_eur(self):
        return self.without_shares_of(self).aggregate(total=Sum("amount_eur"))["total"]
