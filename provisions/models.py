"""The provisions matrix: a catalogue of questions asked of every agreement's text, and
one coded answer per agreement and question, each backed by the sentence that says it.

Three states are kept apart: a cell that says the text is silent (answer "not_stated"),
a cell that says the text answers "no", and no cell at all (not yet coded).
"""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fields import updated_at_field
from core.keys import editor_note_field


class ValueType(models.TextChoices):
    YES_NO = "yes_no", "yes or no"
    NUMBER = "number", "number with unit"
    CHOICE = "choice", "choice from a list"
    TEXT = "text", "text"


class Provision(models.Model):
    slug = models.SlugField(max_length=60, unique=True, help_text="Stable identifier used in URLs and CSV.")
    name = models.CharField(max_length=120, help_text="Short column heading, e.g. 'Termination clause'.")
    question = models.CharField(max_length=300, help_text="The question a cell answers.")
    value_type = models.CharField(max_length=6, choices=ValueType.choices, help_text="What an answer holds.")
    unit = models.CharField(max_length=40, blank=True, help_text="Unit of a number, e.g. 'hours'.")
    choices = ArrayField(
        models.SlugField(max_length=60),
        blank=True,
        default=list,
        help_text="The allowed answers of a choice provision.",
    )
    guide = models.TextField(blank=True, help_text="How a coder decides the answer (the coding guide).")
    position = models.PositiveSmallIntegerField(default=0, help_text="Column order in the matrix.")
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(value_type__in=ValueType.values), name="provision_type_valid"),
            models.CheckConstraint(
                condition=Q(value_type=ValueType.CHOICE) | Q(choices=[]),
                name="provision_choices_only_for_choice",
                violation_error_message="Only a choice provision lists choices.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("provisions:matrix") + f"?show={self.slug}"


class Answer(models.TextChoices):
    YES = "yes", "stated"
    NO = "no", "text says no"
    NOT_STATED = "not_stated", "not stated in the text"
    NOT_PUBLIC = "not_public", "text not published"


class Binds(models.TextChoices):
    BOTH = "both", "both sides"
    UKRAINE = "ukraine", "Ukraine"
    PARTNER = "partner", "the partner"


# Answers that the text itself gives, so a sentence must prove them.
QUOTED_ANSWERS = (Answer.YES, Answer.NO)


class AgreementProvision(models.Model):
    """One cell: what one agreement's text says on one provision."""

    # Only an answer the text gives is quoted; not_stated and not_public have no sentence.
    NEEDS_A_SOURCE = Q(answer__in=QUOTED_ANSWERS)

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="provision_cells"
    )  # CASCADE: a cell is part of its agreement's record.
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="cells")
    # PROTECT: a catalogue entry with coded cells stays.
    answer = models.CharField(max_length=10, choices=Answer.choices, help_text="What the text says.")
    choice = models.SlugField(max_length=60, blank=True, help_text="The answer of a choice provision.")
    number = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True, help_text="The figure, for a number."
    )
    unit = models.CharField(max_length=40, blank=True, help_text="Unit or currency of the figure.")
    text = models.CharField(max_length=300, blank=True, help_text="The answer of a text provision.")
    conditions = models.TextField(
        blank=True, help_text="Qualifiers copied from the text: 'where possible', 'on request', 'at least'."
    )
    binds = models.CharField(
        max_length=8, choices=Binds.choices, blank=True, help_text="The side the sentence obliges."
    )
    passage = models.TextField(
        blank=True, help_text="The passage of the text the quote is taken from, verbatim."
    )
    dispute = models.ForeignKey(
        "sources.Dispute",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provision_cells",
        help_text="Where coders or sources disagree on this cell.",
    )  # SET_NULL: resolving a dispute away leaves the cell.
    note = models.TextField(blank=True, help_text="What a reader should know about this coding.")
    editor_note = editor_note_field()
    updated_at = updated_at_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement__title", "provision__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "provision"],
                name="agreement_provision_unique",
                violation_error_message="This provision is already coded for this agreement.",
            ),
            models.CheckConstraint(condition=Q(answer__in=Answer.values), name="agreement_provision_answer"),
            models.CheckConstraint(
                condition=Q(binds__in=[*Binds.values, ""]), name="agreement_provision_binds_valid"
            ),
            models.CheckConstraint(
                condition=Q(answer=Answer.YES) | Q(choice="", number__isnull=True, text="", unit=""),
                name="agreement_provision_value_only_when_stated",
                violation_error_message="Only a stated answer carries a value.",
            ),
            models.CheckConstraint(
                condition=Q(answer__in=QUOTED_ANSWERS) | Q(passage=""),
                name="agreement_provision_passage_only_when_quoted",
                violation_error_message="Only an answer the text gives has a passage of it.",
            ),
        ]

    def __str__(self):
        return f"{self.agreement}: {self.provision.name}"

    def get_absolute_url(self):
        return reverse("provisions:cell", args=[self.agreement.slug, self.provision.slug])

    def clean(self):
        provision = self.provision if self.provision_id else None
        if provision is None or self.answer != Answer.YES:
            return
        errors = {}
        if provision.value_type == ValueType.CHOICE and self.choice not in provision.choices:
            errors["choice"] = f"Choose one of: {', '.join(provision.choices)}."
        if provision.value_type != ValueType.CHOICE and self.choice:
            errors["choice"] = "Only a choice provision takes a choice."
        if provision.value_type != ValueType.NUMBER and self.number is not None:
            errors["number"] = "Only a number provision takes a number."
        if provision.value_type != ValueType.TEXT and self.text:
            errors["text"] = "Only a text provision takes a text."
        if provision.value_type == ValueType.TEXT and not self.text:
            errors["text"] = "A stated text provision needs its text."
        if errors:
            raise ValidationError(errors)

    @property
    def value_display(self) -> str:
        """The answer in words, as a cell shows it."""
        if self.answer != Answer.YES:
            return self.get_answer_display()
        if self.choice:
            return self.choice.replace("-", " ")
        if self.number is not None:
            number = self.number.normalize()
            figure = f"{int(number):,}" if number == number.to_integral_value() else str(number)
            return f"{self.unit} {figure}" if self.unit.isupper() else f"{figure} {self.unit}".strip()
        if self.text:
            return self.text
        return "yes"
