"""The provisions filter of the agreements list (and the provisions matrix): agreements
whose coded cells hold given values, e.g. ?provision=termination-possible:no,not_stated.

The cells' model is reached through the relation (core.relations), as provisions is an
app above agreements.
"""

from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from agreements.models import Agreement
from core.relations import related_model

CELLS = related_model(Agreement, "provision_cells")
# Answers a cell can hold, and "uncoded" for an agreement with no cell for the provision.
CELL_ANSWERS = ("yes", "no", "not_stated", "not_public")
UNCODED = "uncoded"


class ProvisionConditionsWidget(forms.TextInput):
    """Reads every repeat of the parameter (?provision=a:x&provision=b:y), shows them joined."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def format_value(self, value):
        return " ".join(value) if isinstance(value, list | tuple) else super().format_value(value)


class ProvisionConditionsField(forms.Field):
    """'termination-possible:no,not_stated consultations-deadline-hours:not_stated' as a list of
    conditions, 'provision:value,value': a cell must have one of the values, for every provision."""

    widget = ProvisionConditionsWidget

    def to_python(self, value):
        items = value if isinstance(value, list | tuple) else [value or ""]
        conditions = []
        for text in " ".join(items).split():
            slug, colon, values = text.partition(":")
            if not colon or not values:
                raise forms.ValidationError(
                    f"'{text[:60]}': write provision:value, e.g. termination-possible:no"
                )
            conditions.append(text)
        return conditions

    def validate(self, conditions):
        super().validate(conditions)
        provisions = {p.slug: p for p in CELLS._meta.get_field("provision").related_model.objects.all()}
        for slug, values in map(parse_condition, conditions):
            provision = provisions.get(slug)
            if provision is None:
                raise forms.ValidationError(f"there is no provision '{slug[:60]}'")
            for value in values:
                if value not in (*CELL_ANSWERS, UNCODED, *provision.choices) and _number(value) is None:
                    raise forms.ValidationError(
                        f"'{value[:60]}' is not a value of {slug}: use {', '.join((*CELL_ANSWERS, UNCODED))}"
                        f"{', ' + ', '.join(provision.choices) if provision.choices else ''} or a number"
                    )


def parse_condition(text: str) -> tuple[str, list[str]]:
    slug, _, values = text.partition(":")
    return slug, [v for v in values.split(",") if v]


def _number(text):
    try:
        return Decimal(text) if text.replace(".", "", 1).isdigit() else None
    except InvalidOperation:
        return None


def provision_condition(slug: str, values: list[str]) -> Q:
    """Agreements whose cell for the provision holds one of the values (or that have none)."""
    cells = CELLS.objects.filter(agreement=OuterRef("pk"), provision__slug=slug)
    match = Q()
    for value in values:
        if value == UNCODED:
            match |= ~Exists(cells)
        elif value in CELL_ANSWERS:
            match |= Exists(cells.filter(answer=value))
        elif _number(value) is not None:
            match |= Exists(cells.filter(answer="yes", number=_number(value)))
        else:
            match |= Exists(cells.filter(answer="yes", choice=value))
    return match


class ProvisionFilter(django_filters.Filter):
    field_class = ProvisionConditionsField

    def filter(self, queryset, conditions):
        for slug, values in map(parse_condition, conditions or []):
            queryset = queryset.filter(provision_condition(slug, values))
        return queryset
