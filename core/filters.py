"""Filter types shared by the lists' FilterSets."""

import django_filters
from django import forms

from core.search import MAX_QUERY_LENGTH

EARLIEST_YEAR, LATEST_YEAR = 1945, 2100


class SearchFilter(django_filters.CharFilter):
    """Full-text search within a list (the model's `.search()`), ranked unless sorted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Search")
        super().__init__(method=self.search, max_length=MAX_QUERY_LENGTH, **kwargs)

    @staticmethod
    def search(queryset, name, value):
        return queryset.search(value) if value.strip() else queryset


def slug_filter(
    model, field_name: str, label: str, *, typed: bool = False
) -> django_filters.ModelChoiceFilter:
    """Choose a related row by its slug, so URLs read ?party=netherlands.

    `typed` makes it a text box for the slug instead of a list of every row, for
    tables too long to list (tens of thousands of agreements).
    """
    extra = (
        {"widget": forms.TextInput(attrs={"placeholder": "slug, e.g. from the page address"})}
        if typed
        else {}
    )
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        to_field_name="slug",
        field_name=field_name,
        label=label,
        distinct=True,
        **extra,
    )


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=EARLIEST_YEAR, max_value=LATEST_YEAR, **kwargs)


def amount_filter(lookup: str, label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name="amount_eur", lookup_expr=lookup, label=label, min_value=0, max_digits=20, decimal_places=2
    )


def date_filter(field_name: str, lookup: str, label: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr=lookup, label=label, widget=forms.DateInput(attrs={"type": "date"})
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
