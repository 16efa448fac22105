from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import updated_at_field
from core.keys import editor_note_field, key_field, key_unique, new_key
from core.money import EURO, CurrencyField
from core.partial_dates import (
    PartialDatesMixin,
    format_partial_date,
    partial_date_constraints,
    precision_field,
)
from core.search import SearchQuerySet, search_vector_field
from pledges.querysets import PledgeQuerySet

CURRENCY_FORMAT = Q(currency__regex=r"^[A-Z]{3}$")


class ProgrammeKind(models.TextChoices):
    NATIONAL = "national", "national programme"
    COALITION = "coalition", "capability coalition"
    FUND = "fund", "fund"
    PROCUREMENT = "procurement", "procurement initiative"


class Programme(models.Model):
    """A channel that aid flows through: the Nansen Support Programme, the IT coalition..."""

    name = models.CharField(max_length=200, unique=True, help_text="Usual English name.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Stable identifier used in URLs and CSV.")
    kind = models.CharField(max_length=12, choices=ProgrammeKind.choices, help_text="What sort of programme.")
    description = models.TextField(blank=True, help_text="What it does, in a few sentences.")
    url = models.URLField(max_length=1000, blank=True, help_text="Official page, if any.")
    budget_amount = models.DecimalField(
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Total budget in its own currency, if one is set.",
    )
    budget_currency = CurrencyField(blank=True, help_text="ISO 4217 code of the budget.")
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="First year it covers.")
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Last year it covers.")
    parties = models.ManyToManyField(
        "donors.Party",
        through="ProgrammeMembership",
        related_name="programmes",
        help_text="Leads and members.",
    )
    updated_at = updated_at_field()
    SEARCH_FIELDS = (("name", "A"), ("description", "B"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = SearchQuerySet.as_manager()

    class Meta:
        indexes = [GinIndex(fields=["search_vector"], name="programme_search")]
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ProgrammeKind.values), name="programme_kind_valid"),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_amount__gte=0),
                name="programme_budget_not_negative",
                violation_error_message="A budget cannot be negative.",
            ),
            models.CheckConstraint(
                condition=(Q(budget_amount__isnull=True) & Q(budget_currency=""))
                | (Q(budget_amount__isnull=False) & Q(budget_currency__regex=r"^[A-Z]{3}$")),
                name="programme_budget_with_currency",
                violation_error_message="A budget needs its currency, and a currency needs a budget.",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="programme_years_ordered",
                violation_error_message="The last year cannot come before the first.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pledges:programme-detail", args=[self.slug])


class ProgrammeRole(models.TextChoices):
    LEAD = "lead", "lead"
    CO_LEAD = "co_lead", "co-lead"
    MEMBER = "member", "member"
    CONTRIBUTOR = "contributor", "contributor"


class ProgrammeMembership(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="memberships", help_text="The programme."
    )  # CASCADE: memberships are part of the programme's record.
    party = models.ForeignKey(
        "donors.Party",
        on_delete=models.PROTECT,
        related_name="programme_memberships",
        help_text="The party taking part.",
    )  # PROTECT: keep the party while it takes part in programmes.
    role = models.CharField(
        max_length=12,
        choices=ProgrammeRole.choices,
        default=ProgrammeRole.MEMBER,
        help_text="Lead, co-lead, member, or contributor of money only.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="E.g. 'will explore joining'.")
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme__name", "role", "party__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "party"],
                name="programme_membership_unique",
                violation_error_message="This party is already recorded in the programme.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ProgrammeRole.values), name="programme_membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.party}, {self.get_role_display()} of {self.programme}"


class PledgeCategory(models.TextChoices):
    MILITARY = "military", "military"
    FINANCIAL = "financial", "financial"
    HUMANITARIAN = "humanitarian", "humanitarian"
    MIXED = "mixed", "military and civilian"


class PledgeStatus(models.TextChoices):
    ANNOUNCED = "announced", "announced"
    COMMITTED = "committed", "committed"
    ALLOCATED = "allocated", "allocated"
    DELIVERED = "delivered", "delivered"
    CANCELLED = "cancelled", "cancelled"


class AmountBasis(models.TextChoices):
    TOTAL = "total", "in all over its period"
    PER_YEAR = "per_year", "each year of its period"


class AmountQualifier(models.TextChoices):
    EXACT = "exact", "exactly"
    AT_LEAST = "at_least", "at least"
    MORE_THAN = "more_than", "more than"
    UP_TO = "up_to", "up to"
    ABOUT = "about", "about"
    NEARLY = "nearly", "nearly"


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
                | (Q(amount__isnull=False) & CURRENCY_FORMAT),
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
        self._clean_part_of()
        self._clean_fulfils()
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

    def _clean_part_of(self):
        if self.part_of_id is None:
            return
        try:
            whole = self.part_of
        except Pledge.DoesNotExist:
            return  # the foreign key refuses an unknown id (an import names it on its column)
        if whole.donor_id != self.donor_id:
            raise ValidationError(
                {"part_of": f"A pledge can only be a share of one by the same donor ({whole.donor})."}
            )
        seen = set()
        while whole is not None and whole.pk not in seen:
            if self.pk is not None and whole.pk == self.pk:
                raise ValidationError(
                    {"part_of": "A pledge cannot be a share of itself or of its own shares."}
                )
            seen.add(whole.pk)
            whole = whole.part_of
        # Totals count a share unless its larger pledge is selected too (PledgeQuerySet.counted);
        # a share of a share could then be counted twice, so shares are one level deep.
        if self.part_of.part_of_id:
            raise ValidationError(
                {"part_of": "This pledge is itself a share; choose the larger pledge it is part of."}
            )
        if self.pk and self.parts.exists():
            raise ValidationError({"part_of": "This pledge has shares of its own, so it cannot be a share."})

    def _clean_fulfils(self):
        """Evidence of delivery points at the commitment itself, one level deep, and is no
        share itself: totals then count the commitment once (PledgeQuerySet.counted). The
        commitment may be a share (a year's military part of a programme)."""
        if self.fulfils_id is None:
            return
        try:
            promise = self.fulfils
        except Pledge.DoesNotExist:
            return  # the foreign key refuses an unknown id
        problems = []
        if self.pk is not None and promise.pk == self.pk:
            problems.append("A pledge cannot fulfil itself.")
        if promise.donor_id != self.donor_id:
            problems.append(f"A pledge can only fulfil a commitment of the same donor ({promise.donor}).")
        if promise.fulfils_id:
            problems.append("That pledge is itself evidence of delivery; choose the commitment it fulfils.")
        if self.part_of_id:
            problems.append("A share cannot fulfil a commitment; link its larger pledge instead.")
        if self.status not in (PledgeStatus.ALLOCATED, PledgeStatus.DELIVERED):
            problems.append("Only an allocation or a delivery fulfils a commitment; set its status.")
        if self.pk and self.fulfilments.exists():
            problems.append("Allocations or deliveries fulfil this pledge, so it cannot fulfil another.")
        if problems:
            raise ValidationError({"fulfils": problems})


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
                condition=CURRENCY_FORMAT & ~Q(currency="EUR"), name="exchange_rate_currency"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.currency} {self.units_per_eur} per EUR"


from pledges.years import PledgeYear  # noqa: E402, F401  (a model of this app, in its own file)
