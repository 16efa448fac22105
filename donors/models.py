from django.contrib.postgres.indexes import GinIndex
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import updated_at_field
from core.keys import editor_note_field, key_field, key_unique, new_key
from core.partial_dates import (
    PartialDatesMixin,
    format_partial_date,
    partial_date_constraints,
    precision_field,
)
from core.search import SearchQuerySet, search_vector_field


class PartyKind(models.TextChoices):
    STATE = "state", "state"
    ORGANISATION = "organisation", "international organisation"
    GROUP = "group", "group of states"
    FUND = "fund", "fund"
    CIVIL_SOCIETY = "civil_society", "civil-society organisation"


class Party(models.Model):
    """A state, an international organisation, a group of states or a fund.

    The recipient (Ukraine) is a row like any other.
    """

    name = models.CharField(max_length=200, unique=True, help_text="Common English name.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Stable identifier used in URLs and CSV.")
    kind = models.CharField(max_length=13, choices=PartyKind.choices, help_text="What sort of party.")
    iso_code = models.CharField(
        max_length=2,
        null=True,
        blank=True,
        unique=True,
        help_text="ISO 3166-1 alpha-2 code (EU for the European Union), where one exists.",
        validators=[RegexValidator(r"^[A-Z]{2}$", "An ISO code is two capital letters, e.g. NL.")],
    )
    official_name = models.CharField(max_length=300, blank=True, help_text="Full official name.")
    notes = models.TextField(blank=True, help_text="Anything an editor should know.")
    memberships = models.ManyToManyField(
        "self",
        through="Membership",
        symmetrical=False,
        related_name="members",
        blank=True,
        help_text="Organisations and groups this party belongs to (NATO, EU, G7).",
    )
    updated_at = updated_at_field()
    SEARCH_FIELDS = (("name", "A"), ("official_name", "A"), ("notes", "C"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = SearchQuerySet.as_manager()

    class Meta:
        indexes = [GinIndex(fields=["search_vector"], name="party_search")]
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PartyKind.values), name="party_kind_valid"),
            models.CheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"),
                name="party_iso_code_format",
                violation_error_message="An ISO code is two capital letters, e.g. NL.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("donors:party-detail", args=[self.slug])


class Membership(PartialDatesMixin, models.Model):
    partial_dates = (("joined_on", "joined_precision"), ("left_on", "left_precision"))

    member = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="membership_rows", help_text="The member."
    )  # CASCADE: a membership is part of its member's record.
    organisation = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="member_rows",
        help_text="The organisation or group joined.",
    )  # PROTECT: an organisation with members cannot be deleted.
    joined_on = models.DateField(null=True, blank=True, help_text="When the member joined.")
    joined_precision = precision_field()
    left_on = models.DateField(null=True, blank=True, help_text="When the member left, if it did.")
    left_precision = precision_field()
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "member__name"]
        constraints = [
            *partial_date_constraints("joined_on", "joined_precision", "membership"),
            *partial_date_constraints("left_on", "left_precision", "membership"),
            models.CheckConstraint(
                condition=~Q(member=F("organisation")),
                name="membership_not_self",
                violation_error_message="A party cannot be a member of itself.",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message="A membership ends after it starts.",
            ),
            models.UniqueConstraint(
                fields=["member", "organisation", "joined_on"],
                nulls_distinct=False,
                name="membership_unique",
            ),
        ]

    def __str__(self):
        return f"{self.member} in {self.organisation}"


class Person(models.Model):
    name = models.CharField(max_length=200, help_text="Full name as usually written in English.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Stable identifier used in URLs and CSV.")
    country = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nationals",
        help_text="The state the person comes from.",
    )  # SET_NULL: unlink, keep the person.
    notes = models.TextField(blank=True, help_text="Other spellings, anything a reader should know.")
    editor_note = editor_note_field()
    updated_at = updated_at_field()
    SEARCH_FIELDS = (("name", "A"), ("notes", "C"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = SearchQuerySet.as_manager()

    class Meta:
        indexes = [GinIndex(fields=["search_vector"], name="person_search")]
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def office_on(self, date):
        """The office this person held on a date (offices must be prefetched or are queried)."""
        for office in self.offices.all():
            started = office.started_on is None or office.started_on <= date
            if started and (office.ended_on is None or office.ended_on >= date):
                return office
        return None


class Office(PartialDatesMixin, models.Model):
    """A post a person held, such as Prime Minister of the Netherlands, from and to a date."""

    partial_dates = (("started_on", "started_precision"), ("ended_on", "ended_precision"))

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="offices", help_text="Who held it."
    )  # CASCADE: offices are part of the person's record.
    title = models.CharField(max_length=200, help_text="The post, e.g. 'Prime Minister'.")
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="offices",
        help_text="The state or organisation the post serves.",
    )  # PROTECT: a party whose offices are recorded cannot be deleted.
    started_on = models.DateField(
        null=True, blank=True, help_text="When the person took office; empty if unknown."
    )
    started_precision = precision_field()
    ended_on = models.DateField(
        null=True, blank=True, help_text="When the person left office; empty if still in it."
    )
    ended_precision = precision_field()
    key = key_field()
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name", "started_on"]
        constraints = [
            *partial_date_constraints("started_on", "started_precision", "office"),
            *partial_date_constraints("ended_on", "ended_precision", "office"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="office_ends_after_start",
                violation_error_message="An office ends after it starts.",
            ),
            models.UniqueConstraint(
                fields=["person", "title", "party", "started_on"],
                nulls_distinct=False,
                name="office_unique",
                violation_error_message="This office is already recorded for this person.",
            ),
            key_unique(["person", "key"], "office_key_unique"),
        ]

    def __str__(self):
        return f"{self.person}, {self.title} ({self.party}, {self.period})"

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = new_key(
                f"{self.title} {self.party.slug}", Office.objects.filter(person=self.person_id)
            )
        super().save(*args, **kwargs)

    @property
    def period(self):
        start = format_partial_date(self.started_on, self.started_precision) or "?"
        end = format_partial_date(self.ended_on, self.ended_precision)
        return f"{start} – {end}" if end else f"from {start}"


class GdpFigure(models.Model):
    """A state's gross domestic product in one year: the World Bank's current-US$
    figure and its euro value at that year's ECB annual average rate, so a share of
    GDP can be put beside pledges counted in euros. Keyed by the ISO code (as
    Party.iso_code), so a party added later finds its figures without a reload."""

    country_code = models.CharField(
        max_length=2,
        help_text="ISO 3166-1 alpha-2 code, as the party's iso_code.",
        validators=[RegexValidator(r"^[A-Z]{2}$", "An ISO code is two capital letters, e.g. NL.")],
    )
    country_name = models.CharField(max_length=200, help_text="The country's name in the World Bank file.")
    year = models.PositiveSmallIntegerField(help_text="Calendar year of the GDP figure.")
    usd = models.DecimalField(max_digits=20, decimal_places=0, help_text="GDP in current US dollars.")
    usd_per_eur = models.DecimalField(
        max_digits=18, decimal_places=6, help_text="US dollars per euro used: the ECB annual average."
    )
    rate_year = models.PositiveSmallIntegerField(
        help_text="Year of the rate used (the GDP's year if it has one)."
    )
    eur = models.DecimalField(max_digits=20, decimal_places=0, help_text="GDP in euros: usd / usd_per_eur.")
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        related_name="gdp_figures",
        help_text="Where the US-dollar figure comes from (the World Bank).",
    )
    rate_source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        related_name="gdp_rates",
        help_text="Where the dollar rate comes from (the ECB).",
    )
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country_code", "-year"]
        verbose_name = "GDP figure"
        constraints = [
            models.UniqueConstraint(fields=["country_code", "year"], name="gdp_figure_unique"),
            models.CheckConstraint(condition=Q(country_code__regex=r"^[A-Z]{2}$"), name="gdp_country_code"),
            models.CheckConstraint(condition=Q(usd__gt=0, eur__gt=0, usd_per_eur__gt=0), name="gdp_positive"),
        ]

    def __str__(self):
        return f"{self.country_name} {self.year}: USD {self.usd}"
