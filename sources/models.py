import re

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, IntegerField, Q
from django.db.models.lookups import Exact
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import updated_at_field
from core.keys import editor_note_field, key_field, key_unique, new_key
from core.partial_dates import PartialDatesMixin, partial_date_constraints, precision_field
from core.search import SearchQuerySet, search_vector_field


class SourceKind(models.TextChoices):
    NEWS = "news", "news article"
    OFFICIAL = "official", "official statement or page"
    TEXT = "text", "text of an agreement"
    DATASET = "dataset", "dataset"
    RESEARCH = "research", "research or analysis"


class Source(PartialDatesMixin, models.Model):
    partial_dates = (("published_on", "published_precision"),)

    title = models.CharField(max_length=500, help_text="Headline or title, as published.")
    publisher = models.CharField(max_length=200, help_text="Who published it: outlet, ministry, institution.")
    author = models.CharField(max_length=200, blank=True, help_text="Author or byline, if named.")
    kind = models.CharField(
        max_length=10,
        choices=SourceKind.choices,
        default=SourceKind.NEWS,
        help_text="What sort of source.",
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="Publication date (an article's dateline), not the event's.",
    )
    published_precision = precision_field()
    url = models.URLField(max_length=1000, blank=True, help_text="Web address, when known.")
    language = models.CharField(
        max_length=3, default="en", help_text="ISO 639-1 code of the language it is written in."
    )
    notes = models.TextField(blank=True, help_text="What a reader should know about it, shown on its page.")
    editor_note = editor_note_field()
    slug = key_field(max_length=120)
    updated_at = updated_at_field()
    SEARCH_FIELDS = (("title", "A"), ("publisher", "B"), ("author", "B"), ("notes", "C"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = SearchQuerySet.as_manager()

    class Meta:
        indexes = [GinIndex(fields=["search_vector"], name="source_search")]
        ordering = ["-published_on", "title"]
        constraints = [
            *partial_date_constraints("published_on", "published_precision", "source"),
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_url_unique",
                violation_error_message="A source with this URL is already recorded.",
            ),
            models.UniqueConstraint(
                fields=["publisher", "title", "published_on"],
                nulls_distinct=False,
                name="source_unique",
                violation_error_message="This publisher's piece with this title and date "
                "is already recorded.",
            ),
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_valid"),
            models.CheckConstraint(condition=Q(language__regex=r"^[a-z]{2,3}$"), name="source_language_iso"),
            key_unique(["slug"], "source_slug_unique", key="slug"),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def save(self, *args, **kwargs):
        if not self.slug:
            publisher = re.sub(r"\(.*?\)", "", self.publisher)
            words = " ".join(self.title.split()[:5])
            text = f"{publisher} {self.published_on or ''} {words}"
            self.slug = new_key(text, Source.objects, max_length=120, field="slug")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sources:source-detail", args=[self.pk])


class SourceText(models.Model):
    """The text of a source as an editor pasted or uploaded it, kept to check quotes
    against. Private: only staff read it (the admin); public pages show only the
    sentences that citations quote."""

    PRIVATE = True  # never exported: the site publishes the quoted sentences only

    source = models.OneToOneField(Source, on_delete=models.CASCADE, related_name="stored_text")
    text = models.TextField(help_text="The article's text, as published.")
    updated_at = updated_at_field()
    history = HistoricalRecords()

    def __str__(self):
        return f"Text of {self.source}"


# Every kind of fact a citation can back, as (field name, model). One place, so the
# check, the admin and the exports agree on the list.
CITED_FACTS = [
    ("agreement", "agreements.Agreement"),
    ("milestone", "agreements.Milestone"),
    ("signatory", "agreements.Signatory"),
    ("pledge", "pledges.Pledge"),
    ("programme", "pledges.Programme"),
    ("programme_membership", "pledges.ProgrammeMembership"),
    ("party", "donors.Party"),
    ("office", "donors.Office"),
    ("membership", "donors.Membership"),
    ("claim", "sources.Claim"),
    ("agreement_provision", "provisions.AgreementProvision"),
]
# The facts that must cite a source: all but parties, which are entities, not claims
# (names and codes from ISO 3166); what a source says about a party is cited on that
# fact (its agreement, its pledge, its membership).
FACTS_NEEDING_A_SOURCE = [(name, label) for name, label in CITED_FACTS if name != "party"]


class QuoteForm(models.TextChoices):
    VERBATIM = "verbatim", "verbatim"
    TRANSLATION = "translation", "translation"
    PARAPHRASE = "paraphrase", "paraphrase"


class Citation(models.Model):
    """A source backing one fact, with the sentence that says it."""

    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="citations",
        help_text="Where the fact comes from.",
    )  # PROTECT: a source that backs facts cannot vanish.
    quote = models.TextField(blank=True, help_text="The sentence in the source that states the fact.")
    quote_form = models.CharField(
        max_length=11,
        choices=QuoteForm.choices,
        default=QuoteForm.VERBATIM,
        db_default=QuoteForm.VERBATIM,  # rows written in bulk (generate_data) are verbatim too
        help_text="Verbatim quotes must appear in the source's stored text (when one is stored).",
    )
    locator = models.CharField(
        max_length=300, blank=True, help_text="Where in the source: article, paragraph, page."
    )
    note = models.TextField(
        blank=True,
        help_text="How this source bears on the fact, e.g. where it disagrees with others.",
    )
    editor_note = editor_note_field()
    # CASCADE on each fact: a citation means nothing without the fact it backs.
    agreement = models.ForeignKey(
        "agreements.Agreement",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    milestone = models.ForeignKey(
        "agreements.Milestone",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    signatory = models.ForeignKey(
        "agreements.Signatory",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    pledge = models.ForeignKey(
        "pledges.Pledge", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    programme = models.ForeignKey(
        "pledges.Programme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    programme_membership = models.ForeignKey(
        "pledges.ProgrammeMembership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    party = models.ForeignKey(
        "donors.Party", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    office = models.ForeignKey(
        "donors.Office", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    membership = models.ForeignKey(
        "donors.Membership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    claim = models.ForeignKey(
        "sources.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    agreement_provision = models.ForeignKey(
        "provisions.AgreementProvision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    updated_at = updated_at_field()
    SEARCH_FIELDS = (("quote", "A"), ("note", "B"))
    search_vector = search_vector_field(SEARCH_FIELDS)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = SearchQuerySet.as_manager()

    class Meta:
        indexes = [GinIndex(fields=["search_vector"], name="citation_search")]
        ordering = ["source__published_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(
                    Func(
                        *[F(name) for name, _ in CITED_FACTS],
                        function="num_nonnulls",
                        output_field=IntegerField(),
                    ),
                    1,
                ),
                name="citation_backs_one_fact",
                violation_error_message="A citation backs exactly one fact.",
            ),
            models.CheckConstraint(
                condition=Q(quote_form__in=QuoteForm.values), name="citation_quote_form_valid"
            ),
            models.UniqueConstraint(
                fields=["source", "quote", *[name for name, _ in CITED_FACTS]],
                nulls_distinct=False,
                name="citation_unique",
                violation_error_message="This source already backs this fact with this quote.",
            ),
        ]

    def __str__(self):
        return f"{self.source} on {self.fact}"

    def clean(self):
        from sources.verbatim import quote_problem

        if self.source_id and (problem := quote_problem(self)):
            raise ValidationError({"quote": problem})

    # What to load with a citation to name its fact and link to the page that shows it.
    FACT_PARENTS = [
        "agreement",
        "milestone__agreement",
        "signatory__agreement",
        "signatory__person",
        "pledge__donor",
        "programme",
        "programme_membership__programme",
        "programme_membership__party",
        "party",
        "office__party",
        "office__person",
        "membership__member",
        "membership__organisation",
        "claim__dispute__agreement",
        "agreement_provision__agreement",
        "agreement_provision__provision",
    ]

    @property
    def fact_kind(self) -> str:
        for name, _ in CITED_FACTS:
            if getattr(self, f"{name}_id") is not None:
                return name.replace("_", " ")
        return ""

    @property
    def fact_url(self) -> str:
        """The page that shows the fact: its own, or its parent's."""
        fact = self.fact
        page_of = {
            "milestone": lambda m: m.agreement,
            "signatory": lambda s: s.agreement,
            "programme_membership": lambda m: m.programme,
            "office": lambda o: o.party,
            "membership": lambda m: m.member,
            "claim": lambda c: c.dispute,
        }
        kind = self.fact_kind.replace(" ", "_")
        target = page_of[kind](fact) if kind in page_of else fact
        return target.get_absolute_url()

    @property
    def fact(self):
        for name, _ in CITED_FACTS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None


class Dispute(models.Model):
    """A fact the sources disagree on that is not a dated event: how many articles a text
    has, what a sum is worth in euros, how many agreements had been signed by a date.

    (Disagreements about when or where an event happened are milestone claims.)
    """

    topic = models.CharField(
        max_length=300, help_text="The question the sources answer differently, e.g. 'Number of articles'."
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="disputes",
        help_text="The agreement it is about, if any.",
    )  # CASCADE: a dispute about an agreement is part of its record.
    pledge = models.ForeignKey(
        "pledges.Pledge",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="disputes",
        help_text="The pledge it is about, if any.",
    )  # CASCADE: a dispute about a pledge is part of its record.
    is_open = models.BooleanField(default=True, help_text="Untick once the sources are reconciled.")
    note = models.TextField(blank=True, help_text="Context for readers.")
    editor_note = editor_note_field()
    slug = key_field(max_length=120)
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "agreement", "pledge"],
                nulls_distinct=False,
                name="dispute_unique",
                violation_error_message="This dispute is already recorded.",
            ),
            key_unique(["slug"], "dispute_slug_unique", key="slug"),
        ]

    def __str__(self):
        subject = self.agreement or self.pledge
        return f"{self.topic} ({subject})" if subject else self.topic

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = new_key(self.topic[:100], Dispute.objects, max_length=120, field="slug")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sources:dispute-list") + f"#dispute-{self.pk}"


class Claim(models.Model):
    """One answer to a disputed question, with its own citations."""

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="claims", help_text="The question."
    )  # CASCADE: claims are part of their dispute.
    statement = models.CharField(max_length=300, help_text="What this source says, e.g. '11 articles'.")
    is_preferred = models.BooleanField(default=False, help_text="The claim the tracker relies on.")
    reason = models.TextField(blank=True, help_text="Why it is preferred, or why not.")
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_preferred", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute"],
                condition=Q(is_preferred=True),
                name="claim_one_preferred",
                violation_error_message="Only one claim of a dispute can be preferred.",
            ),
            models.UniqueConstraint(
                fields=["dispute", "statement"],
                name="claim_unique",
                violation_error_message="This claim is already recorded.",
            ),
        ]

    def __str__(self):
        return f"{self.dispute.topic}: {self.statement}"
