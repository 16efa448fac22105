"""ISO 4217 currency codes, shared by every model that holds money."""

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.query_utils import DeferredAttribute

EURO = "EUR"


def currency_format(field: str) -> Q:
    """A database check that a column holds three capital letters (an ISO 4217 shape; the
    field's validator checks the code itself)."""
    return Q(**{f"{field}__regex": r"^[A-Z]{3}$"})


def normalise_currency(value):
    """' usd ' and 'u s d' are 'USD': codes are stored upper-case, without spaces."""
    return "".join(value.split()).upper() if isinstance(value, str) else value


def validate_currency(code: str) -> None:
    if code and pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError(f"'{code}' is not an ISO 4217 currency code (e.g. EUR, USD, NOK).")


class _NormalisedOnSet(DeferredAttribute):
    """Normalises whatever is assigned (form, import, loader, code), before any
    validation or conversion reads it, so a lowercase code is never refused."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = normalise_currency(value)


class CurrencyFormField(forms.CharField):
    def __init__(self, *, max_length=None, **kwargs):
        # No maxlength on the input: ' usd ' is five characters until normalised; the
        # model field still checks the length of the normalised code.
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_currency(super().to_python(value))


class CurrencyField(models.CharField):
    """An ISO 4217 code (validated), normalised on assignment."""

    descriptor_class = _NormalisedOnSet

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("validators", [validate_currency])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # Behaviour only, the column is a plain varchar(3): migrations keep CharField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CurrencyFormField, **kwargs})
