"""Programmes that aid flows through (the Nansen Support Programme, the IT coalition...)
and the parties that lead or join them. Models of the pledges app, in their own file."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import updated_at_field
from core.money import CurrencyField, currency_format
from core.search import SearchQuerySet, search_vector_field


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
                | (Q(budget_amount__isnull=False) & currency_format("budget_currency")),
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
