"""The yearly parts of a pledge's money, each converted at its own year's rate."""

from django.db import models
from django.db.models import Q

from core.fields import updated_at_field


class PledgeYear(models.Model):
    """The part of a pledge's amount that falls in one year, and its euros.

    Written only by pledges.services (pledge_save) from the pledge's amount, basis and
    period, and kept with the rate used, so a published figure stays reproducible. The
    pledge's amount_eur is the sum of its parts."""

    pledge = models.ForeignKey(
        "pledges.Pledge", on_delete=models.CASCADE, related_name="years", help_text="The pledge."
    )  # CASCADE: the parts are derived from the pledge and mean nothing without it.
    year = models.PositiveSmallIntegerField(help_text="The calendar year this part covers.")
    amount = models.DecimalField(
        max_digits=20, decimal_places=2, help_text="This year's part, in the pledge's currency."
    )
    amount_eur = models.DecimalField(max_digits=20, decimal_places=2, help_text="This part in euros.")
    eur_rate = models.DecimalField(
        max_digits=18, decimal_places=6, help_text="Units of the currency per euro used for this part."
    )
    eur_rate_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Year of the annual average rate used: this part's year, or the latest year with "
        "a rate when this year has none yet. Empty for euros.",
    )
    eur_rate_source = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="converted_pledge_years",
        help_text="Where the rate comes from.",
    )  # PROTECT: the source of a rate in use stays.
    updated_at = updated_at_field()

    class Meta:
        ordering = ["pledge", "year"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "year"], name="pledge_year_unique"),
            models.CheckConstraint(
                condition=Q(amount__gte=0, amount_eur__gte=0, eur_rate__gt=0),
                name="pledge_year_amounts_valid",
            ),
        ]

    def __str__(self):
        return f"{self.pledge_id} {self.year}: EUR {self.amount_eur}"

    @property
    def rate_is_provisional(self) -> bool:
        """True when this year had no published rate yet and another year's was used."""
        return self.eur_rate_year is not None and self.eur_rate_year != self.year
