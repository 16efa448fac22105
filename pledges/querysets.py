from django.db import models
from django.db.models import Sum


class PledgeQuerySet(models.QuerySet):
    def for_party(self, party):
        return self.filter(donor=party)

    def top_level(self):
        """Pledges that are not a share of a larger one: the ones totals add up."""
        return self.filter(part_of__isnull=True)

    def total_eur(self):
        return self.top_level().aggregate(total=Sum("amount_eur"))["total"]
