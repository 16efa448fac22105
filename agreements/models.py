from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from agreements.querysets import AgreementQuerySet
from core.keys import editor_note_field, key_field, key_unique, new_key
from core.partial_dates import (
    PartialDatesMixin,
    format_partial_date,
    partial_date_constraints,
    precision_field,
)
from core.search import SearchQuerySet, search_vector_field


class AgreementKind(models.TextChoices):
    SECURITY = "security", "security agreement"
    COOPERATION = "cooperation", "cooperation or support agreement"
    DECLARATION = "declaration", "joint declaration"
    MEMORANDUM = "memorandum", "memorandum of understanding"
    TREATY = "treaty", "treaty"


class BindingNature(models.TextChoices):
    NOT_STATED = "not_stated", "not stated"
    LEGAL = "legal", "legally binding"
    POLITICAL = "political", "political commitment, not legally binding"


class AgreementStatus(models.TextChoices):
    """Derived from milestones by `agreements.services.derive_status`; never typed in."""

    PLANNED = "planned", "planned"
    NEGOTIATING = "negotiating", "in negotiation"
    CONCLUDED = "concluded", "negotiations concluded"
    SIGNED = "signed", "signed"
    RATIFIED = "ratified", "ratified"
    IN_FORCE = "in_force", "in force"
    EXPIRED = "expired", "expired"
    TERMINATED = "terminated", "terminated"


class Area(models.Model):
    """An area of cooperation, such as air defence or cyber security."""

    name = models.CharField(max_length=100, unique=True, help_text="Name of the area.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Stable identifier.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agreement(models.Model):
    title = models.CharField(max_length=500, help_text="Official title, or a descriptive one if none.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Stable identifier used in URLs and CSV.")
    kind = models.CharField(
        max_length=12,
        choices=AgreementKind.choices,
        default=AgreementKind.SECURITY,
        help_text="What sort of agreement.",
    )
    is_bilateral = models.BooleanField(
        default=True, help_text="Bilateral agreements have exactly two parties."
    )
    framework = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements_under",
        help_text="The wider agreement or declaration it was concluded under, e.g. the G7 Joint "
        "Declaration of Vilnius.",
    )  # PROTECT: a framework with agreements under it stays.
    summary = models.TextField(blank=True, help_text="A few plain sentences on what it does.")
    text_url = models.URLField(max_length=1000, blank=True, help_text="Link to the official text.")
    term_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many years it runs; empty if open-ended or unknown."
    )
    term_note = models.TextField(
        blank=True,
        help_text="Duration, extension and termination terms in words, e.g. '3 months' notice'.",
    )
    binding_nature = models.CharField(
        max_length=10,
        choices=BindingNature.choices,
        default=BindingNature.NOT_STATED,
        help_text="Whether it binds in law or only politically, where a source says so.",
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="agreements", help_text="Areas of cooperation it covers."
    )
    parties = models.ManyToManyField(
        "donors.Party",
        through="AgreementParty",
        related_name="agreements",
        help_text="The parties and their roles.",
    )
    status = models.CharField(
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.PLANNED,
        editable=False,
        help_text="Derived from the milestones; not edited by hand.",
    )
    signed_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Date of signing, copied from the signing milestone.",
    )
    signed_precision = precision_field(editable=False)
    notes = models.TextField(
        blank=True, help_text="What a reader should know, shown on the agreement's page."
    )
    editor_note = editor_note_field()
    updated_at = models.DateTimeField(auto_now=True)
    SEARCH_FIELDS = (("title", "A"), ("summary", "B"), ("term_note", "C"), ("notes", "C"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"], m2m_fields=[areas])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["signed_on", "title"]
        constraints = [
            *partial_date_constraints("signed_on", "signed_precision", "agreement"),
            models.CheckConstraint(condition=Q(kind__in=AgreementKind.values), name="agreement_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(binding_nature__in=BindingNature.values), name="agreement_binding_valid"
            ),
            models.CheckConstraint(
                condition=Q(term_years__isnull=True) | Q(term_years__gt=0),
                name="agreement_term_positive",
                violation_error_message="A term is at least one year.",
            ),
            models.CheckConstraint(
                condition=~Q(framework=F("pk")),
                name="agreement_framework_not_self",
                violation_error_message="An agreement cannot be its own framework.",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="agreement_search"),
            models.Index(fields=["status", "signed_on"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:agreement-detail", args=[self.slug])

    @property
    def signed_display(self):
        return format_partial_date(self.signed_on, self.signed_precision)


class PartyRole(models.TextChoices):
    RECIPIENT = "recipient", "recipient of support"
    PARTNER = "partner", "partner providing support"
    PARTICIPANT = "participant", "participant"


class AgreementParty(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="party_roles", help_text="The agreement."
    )  # CASCADE: the parties are part of the agreement's record.
    party = models.ForeignKey(
        "donors.Party",
        on_delete=models.PROTECT,
        related_name="agreement_roles",
        help_text="The party.",
    )  # PROTECT: a party to an agreement cannot be deleted.
    role = models.CharField(
        max_length=12,
        choices=PartyRole.choices,
        default=PartyRole.PARTNER,
        help_text="The party's role in the agreement.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "party__name"]
        verbose_name = "party to the agreement"
        verbose_name_plural = "parties to the agreement"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party"],
                name="agreement_party_unique",
                violation_error_message="This party is already a party to the agreement.",
            ),
            models.CheckConstraint(condition=Q(role__in=PartyRole.values), name="agreement_party_role_valid"),
        ]
        # "Exactly two parties for a bilateral agreement" spans rows, so it is a deferred
        # constraint trigger (migration agreements/0002), checked when the transaction commits.

    def __str__(self):
        return f"{self.party} ({self.get_role_display()})"


class MilestoneKind(models.TextChoices):
    TALKS_STARTED = "talks_started", "talks started"
    CONCLUDED = "concluded", "negotiations concluded"
    SIGNED = "signed", "signed"
    PUBLISHED = "published", "text published"
    RATIFIED = "ratified", "ratified"
    IN_FORCE = "in_force", "entered into force"
    EXPIRED = "expired", "expired"
    TERMINATED = "terminated", "terminated"


class Milestone(PartialDatesMixin, models.Model):
    """A dated event in an agreement's life.

    When sources disagree on an event, each claim is its own row with its own
    citations; one of them is preferred (and drives the status), the others are
    kept beside it with a note.
    """

    partial_dates = (("date", "date_precision"),)

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="milestones", help_text="The agreement."
    )  # CASCADE: milestones are part of the agreement's record.
    kind = models.CharField(max_length=14, choices=MilestoneKind.choices, help_text="What happened.")
    date = models.DateField(help_text="When; for a month or a year, any day in it (stored on the 1st).")
    date_precision = precision_field(default="day")
    place = models.CharField(max_length=200, blank=True, help_text="Where, e.g. 'Kharkiv, Ukraine'.")
    party = models.ForeignKey(
        "donors.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="milestones",
        help_text="The party concerned, for steps one party takes alone (ratification).",
    )  # PROTECT: keep the party while its milestones exist.
    is_preferred = models.BooleanField(
        default=True,
        help_text="Untick for a claim that other sources contradict; the preferred claim drives the status.",
    )
    note = models.TextField(blank=True, help_text="Why a claim is preferred or not, or other context.")
    editor_note = editor_note_field()
    key = key_field()
    SEARCH_FIELDS = (("place", "A"), ("note", "B"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = SearchQuerySet.as_manager()

    class Meta:
        indexes = [GinIndex(fields=["search_vector"], name="milestone_search")]
        ordering = ["date", "pk"]
        constraints = [
            *partial_date_constraints("date", "date_precision", "milestone"),
            models.CheckConstraint(condition=Q(kind__in=MilestoneKind.values), name="milestone_kind_valid"),
            models.UniqueConstraint(
                fields=["agreement", "kind", "party", "date"],
                nulls_distinct=False,
                name="milestone_unique",
                violation_error_message="This milestone is already recorded with this date.",
            ),
            models.UniqueConstraint(
                fields=["agreement", "kind", "party"],
                condition=Q(is_preferred=True),
                nulls_distinct=False,
                name="milestone_one_preferred",
                violation_error_message="Only one claim of this milestone can be preferred; "
                "untick the others.",
            ),
            key_unique(["agreement", "key"], "milestone_key_unique"),
        ]

    def __str__(self):
        return f"{self.agreement}: {self.get_kind_display()} {self.date_display}"

    def save(self, *args, **kwargs):
        if not self.key:
            party = f"-{self.party.slug}" if self.party_id else ""
            self.key = new_key(f"{self.kind}{party}", Milestone.objects.filter(agreement=self.agreement_id))
        super().save(*args, **kwargs)

    @property
    def date_display(self):
        return format_partial_date(self.date, self.date_precision)


class Signatory(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signatories", help_text="The agreement."
    )  # CASCADE: signatories are part of the agreement's record.
    person = models.ForeignKey(
        "donors.Person",
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text="Who signed.",
    )  # PROTECT: a person who signed stays.
    party = models.ForeignKey(
        "donors.Party",
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text="On whose behalf they signed.",
    )  # PROTECT: keep the party while its signatures exist.
    office = models.ForeignKey(
        "donors.Office",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signatures",
        help_text="The office held on the day of signing.",
    )  # SET_NULL: unlink; the title below still says it.
    title = models.CharField(
        max_length=200,
        help_text="Title at signing as the source gives it, e.g. 'Prime Minister of the Netherlands'.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["party__name", "person__name"]
        verbose_name_plural = "signatories"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"],
                name="signatory_unique",
                violation_error_message="This person is already a signatory of the agreement.",
            ),
        ]

    def __str__(self):
        return f"{self.person}, {self.title}"
