"""Dates known to a day, a month or a year.

A partial date is two columns: the date (the first day of the month or year when
only that is known) and its precision. One helper builds both fields, one builds
the database checks, one formats them, so every model treats them the same way.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


def precision_field(help_text="How precisely the date is known: day, month or year.", **kwargs):
    return models.CharField(
        max_length=5, choices=DatePrecision.choices, blank=True, help_text=help_text, **kwargs
    )


def partial_date_constraints(date_field: str, precision_field: str, name_prefix: str) -> list:
    """Checks that the date and its precision come together and agree.

    A month-precise date is stored on the 1st; a year-precise one on 1 January.
    """
    has_date = Q(**{f"{date_field}__isnull": False})
    has_precision = ~Q(**{precision_field: ""})
    return [
        models.CheckConstraint(
            condition=(has_date & has_precision) | (~has_date & ~has_precision),
            name=f"{name_prefix}_{date_field}_with_precision",
            violation_error_message="A date needs its precision, and a precision needs a date.",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{precision_field}__in": ["", *DatePrecision.values]}),
            name=f"{name_prefix}_{precision_field}_valid",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision_field: DatePrecision.MONTH}) | Q(**{f"{date_field}__day": 1}),
            name=f"{name_prefix}_{date_field}_month_on_first",
            violation_error_message="A date known to the month is stored on the 1st of that month.",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision_field: DatePrecision.YEAR})
            | Q(**{f"{date_field}__day": 1, f"{date_field}__month": 1}),
            name=f"{name_prefix}_{date_field}_year_on_first",
            violation_error_message="A date known to the year is stored on 1 January.",
        ),
    ]


def normalise_partial_date(date, precision, *, date_field: str, precision_field: str):
    """Form-level twin of the database checks, with the message on the right field.

    A date typed without a precision is taken as known to the day; a month- or
    year-precise date is moved to the 1st, so an editor may type any day in it.
    Returns the (date, precision) to store.
    """
    if date is None:
        if precision:
            raise ValidationError({date_field: "Give the date, or leave its precision empty."})
        return None, ""
    if precision == DatePrecision.MONTH:
        return date.replace(day=1), precision
    if precision == DatePrecision.YEAR:
        return date.replace(month=1, day=1), precision
    return date, DatePrecision.DAY


class PartialDatesMixin:
    """Model mixin: `partial_dates` names each (date field, precision field) pair to normalise."""

    partial_dates: tuple[tuple[str, str], ...] = ()

    def clean(self):
        super().clean()
        for date_field, precision_field in self.partial_dates:
            date, precision = normalise_partial_date(
                getattr(self, date_field),
                getattr(self, precision_field),
                date_field=date_field,
                precision_field=precision_field,
            )
            setattr(self, date_field, date)
            setattr(self, precision_field, precision)


def format_partial_date(date, precision) -> str:
    """'1 March 2024', 'March 2024' or '2024'; empty when unknown."""
    if date is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(date.year)
    if precision == DatePrecision.MONTH:
        return date.strftime("%B %Y")
    return f"{date.day} {date.strftime('%B %Y')}"
