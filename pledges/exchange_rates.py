"""The ECB's annual average euro rates that convert pledges (loaded by load_ecb_rates).
A model of the pledges app, in its own file."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.fields import updated_at_field
from core.money import CurrencyField, currency_format


class ExchangeRate(models.Model):
    """Annual average of the ECB's daily euro reference rates for one currency."""

    year = models.PositiveSmallIntegerField(help_text="Calendar year averaged.")
    currency = CurrencyField(help_text="ISO 4217 code.")
    units_per_eur = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        help_text="Units of the currency per euro, averaged over the year.",
    )
    business_days = models.PositiveSmallIntegerField(help_text="Number of daily rates averaged.")
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        related_name="exchange_rates",
        help_text="Where the daily rates come from (the ECB).",
    )  # PROTECT: the source of rates in use stays.
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["year", "currency"], name="exchange_rate_unique"),
            models.CheckConstraint(condition=Q(units_per_eur__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(condition=Q(business_days__gt=0), name="exchange_rate_days_positive"),
            models.CheckConstraint(
                condition=currency_format("currency") & ~Q(currency="EUR"), name="exchange_rate_currency"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.currency} {self.units_per_eur} per EUR"
