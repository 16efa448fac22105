"""ISO 4217 currency codes, shared by every model that holds money."""

import pycountry
from django.core.exceptions import ValidationError

EURO = "EUR"


def validate_currency(code: str) -> None:
    if code and pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError(f"'{code}' is not an ISO 4217 currency code (e.g. EUR, USD, NOK).")
