"""The pledge, the app's central model. Its other models live in their own files and are
imported here so that Django registers them and `from pledges.models import ...` finds them:
programmes (pledges.programmes), exchange rates (pledges.exchange_rates), yearly parts
(pledges.years); its choices in pledges.choices, the rules of its links in pledges.links."""

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import updated_at_field
from core.keys import editor_note_field, key_field, key_unique, new_key
from core.money import EURO, CurrencyField, currency_format
from core.partial_dates import (
    PartialDatesMixin,
    format_partial_date,
    partial_date_constraints,
    precision_field,
)
from core.search import search_vector_field
from pledges.choices import AmountBasis, AmountQualifier, PledgeCategory, PledgeStatus
from pledges.exchange_rates import ExchangeRate
from pledges.links import check_fulfilment, check_share
from pledges.programmes import Programme, ProgrammeKind, ProgrammeMembership, ProgrammeRole
from pledges.querysets import PledgeQuerySet

__all__ = [
    "AmountBasis",
    "AmountQualifier",
    "ExchangeRate",
    "Pledge",
    "PledgeCategory",
    "PledgeStatus",
    "PledgeYear",
    "Programme",
    "ProgrammeKind",
    "ProgrammeMembership",
    "ProgrammeRole",
]


class Pledge(PartialDatesMixin, models.Model):
    """Aid promised by a donor: money with a currency, a quantity of an item, or both."""

    partial_dates = (("announced_on", "announced_precision"),)

    donor = models.ForeignKey(
        "donors.Party",
        on_delete=models.PROTECT,
        related_name="pledges_given",
        help_text="Who pledges.",
    )  # PROTECT: parents of facts stay.
    recipient = models.ForeignKey(
        "donors.Party",
        on_delete=models.PROTECT,
        related_name="pledges_received",
        help_text="Who receives the aid.",
    )  # PROTECT: parents of facts stay.
    agreement = models.ForeignKey(
        "agreements.Agreement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        help_text="The agreement it was made under, if any.",
    )  # PROTECT: an agreement with pledges under it stays.
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        help_text="The programme or coalition it goes through, if any.",
    )  # PROTECT: a programme with pledges stays.
    category = models.CharField(
        max_length=12,
        choices=PledgeCategory.choices,
        default=PledgeCategory.MILITARY,
        help_text="Military, financial or humanitarian.",
    )
    purpose = models.CharField(
        max_length=300,
        blank=True,
        help_text="What it is for, e.g. 'artillery shells', 'cyber resilience'.",
    )
    amount = models.DecimalField(
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Sum in the original currency; empty when none is stated (never 0 for unknown).",
    )
    currency = CurrencyField(blank=True, help_text="ISO 4217 code, e.g. EUR, NOK.")
    amount_qualifier = models.CharField(
        max_length=10,
        choices=AmountQualifier.choices,
        default=AmountQualifier.EXACT,
        help_text="How the source bounds the sum: 'over EUR 12 million' is 'more than'.",
    )
    amount_basis = models.CharField(
        max_length=8,
        choices=AmountBasis.choices,
        default=AmountBasis.TOTAL,
        help_text="Whether the amount is the whole sum over the period, or is given each year of it "
        "('at least ISK 4 billion a year, 2024-28').",
    )
    quantity = models.PositiveIntegerField(null=True, blank=True, help_text="Number of items, e.g. 24.")
    item = models.CharField(
        max_length=200, blank=True, help_text="What is counted, e.g. 'F-16 fighter jets'."
    )
    basis = models.CharField(
        max_length=300,
        blank=True,
        help_text="A commitment with no fixed sum, e.g. '0.25% of GDP a year'.",
    )
    announced_on = models.DateField(null=True, blank=True, help_text="When it was announced.")
    announced_precision = precision_field()
    period_start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="First year the pledge covers."
    )
    period_end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Last year the pledge covers."
    )
    status = models.CharField(
        max_length=10,
        choices=PledgeStatus.choices,
        default=PledgeStatus.ANNOUNCED,
        help_text="How far it has gone: announced, committed, allocated, delivered, cancelled.",
    )
    part_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="A larger pledge this one is a share of (NOK 11 bn military within NOK 19.9 bn); "
        "totals count only the larger one.",
    )  # PROTECT: the larger pledge stays while its parts exist.
    fulfils = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fulfilments",
        help_text="The earlier commitment this allocation or delivery carries out (not a share of "
        "it: see 'part of'); totals count the commitment, not both.",
    )  # PROTECT: a commitment stays while evidence of its delivery points at it.
    notes = models.TextField(blank=True, help_text="What a reader should know, shown on the pledge's page.")
    editor_note = editor_note_field()
    key = key_field()
    # Filled by pledges.services from the exchange-rate table, and kept, so that a
    # figure stays reproducible after the table changes.
    amount_eur = models.DecimalField(
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="The amount in euros at the rate below.",
    )
    eur_rate = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        editable=False,
        help_text="Units of the currency per euro used for the conversion.",
    )
    eur_rate_year = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="Year of the annual average rate used."
    )
    eur_rate_source = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="converted_pledges",
        help_text="Where the rate comes from.",
    )  # PROTECT: the source of a rate in use stays.
    updated_at = updated_at_field()
    SEARCH_FIELDS = (("purpose", "A"), ("item", "A"), ("basis", "B"), ("notes", "C"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-pk"]
        constraints = [
            *partial_date_constraints("announced_on", "announced_precision", "pledge"),
            models.CheckConstraint(
                condition=Q(category__in=PledgeCategory.values), name="pledge_category_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=PledgeStatus.values), name="pledge_status_valid"),
            models.CheckConstraint(
                condition=Q(amount_qualifier__in=AmountQualifier.values),
                name="pledge_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="pledge_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) & Q(currency=""))
                | (Q(amount__isnull=False) & currency_format("currency")),
                name="pledge_amount_with_currency",
                violation_error_message="An amount needs its currency, and a currency needs an amount.",
            ),
            models.CheckConstraint(
                condition=(Q(quantity__isnull=True) & Q(item=""))
                | (Q(quantity__isnull=False, quantity__gt=0) & ~Q(item="")),
                name="pledge_quantity_with_item",
                violation_error_message="A quantity needs the item counted, and an item needs a quantity.",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | Q(quantity__isnull=False) | ~Q(basis=""),
                name="pledge_has_substance",
                violation_error_message="Give an amount, a quantity, or the basis of the commitment.",
            ),
            models.CheckConstraint(
                condition=Q(period_end_year__isnull=True)
                | Q(period_start_year__isnull=True)
                | Q(period_end_year__gte=F("period_start_year")),
                name="pledge_period_ordered",
                violation_error_message="The period cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(part_of=F("pk")),
                name="pledge_not_part_of_itself",
                violation_error_message="A pledge cannot be part of itself.",
            ),
            models.CheckConstraint(
                condition=~Q(fulfils=F("pk")),
                name="pledge_not_fulfilling_itself",
                violation_error_message="A pledge cannot fulfil itself.",
            ),
            models.CheckConstraint(
                condition=Q(amount_basis__in=AmountBasis.values), name="pledge_amount_basis_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount_basis=AmountBasis.TOTAL)
                | Q(amount__isnull=False, period_start_year__isnull=False, period_end_year__isnull=False),
                name="pledge_yearly_amount_has_period",
                violation_error_message="An amount given each year needs the period's first and last year.",
            ),
            models.CheckConstraint(
                condition=~Q(donor=F("recipient")),
                name="pledge_donor_not_recipient",
                violation_error_message="The donor and the recipient must differ.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(amount_eur__isnull=True) & Q(eur_rate__isnull=True) & Q(eur_rate_year__isnull=True)
                )
                | (
                    Q(amount__isnull=False, amount_eur__isnull=False, eur_rate__isnull=False)
                    & Q(amount_eur__gte=0, eur_rate__gt=0)
                ),
                name="pledge_conversion_complete",
            ),
            models.UniqueConstraint(
                fields=[
                    "donor",
                    "recipient",
                    "agreement",
                    "programme",
                    "category",
                    "purpose",
                    "amount",
                    "currency",
                    "quantity",
                    "item",
                    "basis",
                    "announced_on",
                    "period_start_year",
                ],
                nulls_distinct=False,
                name="pledge_unique",
                violation_error_message="This pledge is already recorded.",
            ),
            key_unique(["key"], "pledge_key_unique"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="pledge_search"),
            # A donor's pledges in the list's order, and sorted by size, without sorting
            # the donor's thousands of rows on every page view; the second holds what the
            # totals read, so a donor's totals come from it alone (a first view at 1M
            # pledges read ~5,000 scattered table pages: 0.4 s cold).
            models.Index(fields=["donor", "announced_on", "id"], name="pledge_donor_announced_id"),
            models.Index(
                fields=["donor", "amount_eur", "id"],
                include=[
                    *("currency", "status", "period_start_year", "period_end_year", "announced_on"),
                    *("amount", "amount_basis", "part_of", "fulfils"),
                ],
                name="pledge_donor_amount_eur_id",
            ),
            # The pledges list's default order, read backwards: newest first without a sort.
            models.Index(fields=["announced_on", "id"], name="pledge_announced_id"),
            # Sorting by size ("largest first") without sorting every matching row, across
            # currencies and within one (amounts in small currencies sit deep in the first).
            models.Index(fields=["amount_eur", "id"], name="pledge_amount_eur_id"),
            models.Index(fields=["currency", "amount_eur", "id"], name="pledge_currency_amount_eur_id"),
            # A list's totals over a broad filter (category, status, currency, covered year)
            # read from this index alone, not the table (a third of its pages): at a
            # million pledges, category and year went from 0.3 s to 0.1 s. It replaces the
            # index on category alone, which it begins with.
            models.Index(
                fields=["category", "status", "currency"],
                include=[
                    *("period_start_year", "period_end_year", "announced_on"),
                    *("amount", "amount_basis", "amount_eur", "part_of", "fulfils"),
                ],
                name="pledge_totals_covering",
            ),
        ]

    def __str__(self):
        return f"{self.donor}: {self.what}"

    def save(self, *args, **kwargs):
        if not self.key:
            what = self.purpose or self.item or self.basis
            self.key = new_key(f"{self.donor.slug} {self.reference_year or ''} {what}"[:80], Pledge.objects)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pledges:pledge-detail", args=[self.pk])

    @property
    def what(self):
        parts = []
        if self.amount is not None:
            qualifier = (
                ""
                if self.amount_qualifier == AmountQualifier.EXACT
                else f"{self.get_amount_qualifier_display()} "
            )
            a_year = " a year" if self.amount_basis == AmountBasis.PER_YEAR else ""
            parts.append(f"{qualifier}{self.currency} {self.amount:,.0f}{a_year}")
        if self.quantity is not None:
            parts.append(f"{self.quantity} {self.item}")
        if self.basis:
            parts.append(self.basis)
        label = " and ".join(parts)
        return f"{label} for {self.purpose}" if self.purpose else label

    @property
    def announced_display(self):
        return format_partial_date(self.announced_on, self.announced_precision)

    @property
    def reference_year(self):
        """The year whose exchange rate converts the amount: announcement, else period start."""
        if self.announced_on:
            return self.announced_on.year
        return self.period_start_year

    @property
    def years_covered(self) -> list[int]:
        """The years its money is spread over, one EUR part each (pledges.services):
        every year of a period with both ends, else the reference year alone."""
        if self.period_start_year and self.period_end_year:
            return list(range(self.period_start_year, self.period_end_year + 1))
        return [self.reference_year] if self.reference_year else []

    @property
    def amount_in_all(self):
        """The amount over the whole period: a yearly amount times its years."""
        if self.amount is None or self.amount_basis != AmountBasis.PER_YEAR:
            return self.amount
        return self.amount * len(self.years_covered)

    def clean(self):
        super().clean()
        check_share(self)
        check_fulfilment(self)
        if self.amount_basis == AmountBasis.PER_YEAR and not (
            self.amount is not None and self.period_start_year and self.period_end_year
        ):
            raise ValidationError(
                {
                    "amount_basis": "An amount given each year needs the amount "
                    "and the period's first and last year."
                }
            )
        if self.amount is not None and self.currency not in ("", EURO) and self.reference_year is None:
            raise ValidationError(
                "Give the announcement date or the period's first year, "
                "so the amount can be converted to euros."
            )


from pledges.years import PledgeYear  # noqa: E402  (its model refers to Pledge, so it loads after it)
