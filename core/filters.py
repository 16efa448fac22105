"""Filter types shared by the lists' FilterSets."""

import re
from datetime import date

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from core.search import MAX_QUERY_LENGTH

EARLIEST_YEAR, LATEST_YEAR = 1945, 2100


class _ShowsOnlyWhatItCanHold:
    """A typed input re-rendered with a value it cannot hold (?signed_from=soon) shows it
    empty, as a browser would anyway (HTML's value sanitization), rather than writing invalid
    HTML; the error beside the field says what was wrong."""

    def format_value(self, value):
        value = super().format_value(value)
        return value if value is not None and self.can_hold(str(value)) else None


class DateInput(_ShowsOnlyWhatItCanHold, forms.DateInput):
    input_type = "date"

    @staticmethod
    def can_hold(value: str) -> bool:
        try:
            return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(date.fromisoformat(value))
        except ValueError:  # 2024-02-30
            return False


class NumberInput(_ShowsOnlyWhatItCanHold, forms.NumberInput):
    @staticmethod
    def can_hold(value: str) -> bool:
        return bool(re.fullmatch(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?", value))


class SearchFilter(django_filters.CharFilter):
    """Full-text search within a list (the model's `.search()`), ranked unless sorted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Search")
        super().__init__(method=self.search, max_length=MAX_QUERY_LENGTH, **kwargs)

    @staticmethod
    def search(queryset, name, value):
        return queryset.search(value) if value.strip() else queryset


class QuickSelect(forms.Select):
    """A <select> written out by string joins instead of one template render per
    option: with a few hundred parties, areas and programmes, rendering the options
    through the widget templates was half of a list page's time. Same markup, same
    one query for the choices."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" if str(v) in chosen else "", label) for v, label in self.ordered(chosen)),
        )
        attributes = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return format_html("<select{}>{}</select>", attributes, options)

    def ordered(self, chosen: set[str]):
        return self.choices


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    """QuickSelect's markup for a choice of several rows (?donor=nl&donor=se)."""

    allow_multiple_selected = True

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, {"size": 4, **(attrs or {}), "multiple": True}, renderer)

    def ordered(self, chosen: set[str]):
        """The chosen rows first: a box four rows high would otherwise hide them among
        thirty parties, and a reader could not see or unselect what the list is filtered by."""
        choices = [choice for choice in self.choices]  # not list(): its length hint is a COUNT query
        return [c for c in choices if str(c[0]) in chosen] + [c for c in choices if str(c[0]) not in chosen]


class _WithoutDistinct:
    """Filters by related rows without SELECT DISTINCT: a lookup through a to-many
    relation becomes `pk IN (subquery)`, which keeps each row once and lets the list's
    sort use its index; a lookup through a foreign key is a plain equality (or IN)."""

    def filter(self, queryset, value):
        if value in (None, "") or (self.many and not value):
            return queryset
        lookup = {f"{self.field_name}__in" if self.many else self.field_name: value}
        if _through_many(queryset.model, self.field_name):
            return queryset.filter(pk__in=queryset.model._base_manager.filter(**lookup).values("pk"))
        return queryset.filter(**lookup)


class SlugFilter(_WithoutDistinct, django_filters.ModelChoiceFilter):
    """One related row by its slug (a text box where the rows are too many to list)."""

    many = False


class SlugsFilter(_WithoutDistinct, django_filters.ModelMultipleChoiceFilter):
    """Any of several related rows by slug, ?party=netherlands&party=sweden: the rows
    related to either (the parameter repeated, as a <select multiple> sends it)."""

    many = True


def _through_many(model, path: str) -> bool:
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


def slug_filter(model, field_name: str, label: str, *, typed: bool = False) -> SlugFilter | SlugsFilter:
    """Choose related rows by slug, so URLs read ?party=netherlands (&party=sweden for either).

    `typed` makes it a text box for one slug instead of a list of every row, for
    tables too long to list (tens of thousands of agreements).
    """
    common = {
        "queryset": model.objects.all(),
        "to_field_name": "slug",
        "field_name": field_name,
        "label": label,
    }
    if typed:
        widget = forms.TextInput(attrs={"placeholder": "slug, e.g. from the page address"})
        return SlugFilter(widget=widget, **common)
    return SlugsFilter(widget=QuickSelectMultiple(), **common)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", NumberInput())
        super().__init__(min_value=EARLIEST_YEAR, max_value=LATEST_YEAR, **kwargs)


def amount_filter(lookup: str, label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name="amount_eur",
        lookup_expr=lookup,
        label=label,
        min_value=0,
        max_digits=20,
        decimal_places=2,
        widget=NumberInput(),
    )


def date_filter(field_name: str, lookup: str, label: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr=lookup, label=label, widget=DateInput()
    )


class CurrencyFilter(django_filters.CharFilter):
    """An ISO 4217 code, in any case: ?currency=nok."""

    field_class = forms.RegexField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Currency")
        super().__init__(
            regex=r"^[A-Za-z]{3}$",
            max_length=3,
            error_messages={"invalid": "Give a three-letter ISO 4217 code, e.g. NOK."},
            **kwargs,
        )

    def filter(self, queryset, value):
        return super().filter(queryset, value.upper() if value else value)
