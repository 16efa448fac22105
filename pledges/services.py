"""Writes to pledges, and the rule that converts their amounts to euros."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Abs

from core.money import EURO
from core.services import validate
from pledges.models import ExchangeRate, Pledge

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Conversion:
    amount_eur: Decimal
    rate: Decimal
    year: int | None
    source_id: int | None


def rates_nearest(currency, year):
    """The rates of `currency`, the one to convert with first: the rate of `year`, else
    of the nearest year that has one, the earlier of two equally near. `currency` and
    `year` are values, or SQL expressions for conversion_sql."""
    return (
        ExchangeRate.objects.filter(currency=currency)
        .annotate(
            distance=Abs(F("year") - year),
            later=Case(When(year__gt=year, then=1), default=0, output_field=IntegerField()),
        )
        .order_by("distance", "later")
    )


def convert_to_eur(amount: Decimal, currency: str, year: int | None) -> Conversion | None:
    """Convert with the annual average rate of `year`.

    When that year has no rate yet, the nearest year that has one is used, the
    earlier of two equally near; the year actually used is returned with the rate.
    Euros convert at 1, whatever the year. None when the table has no rate for the
    currency, or no year is known for a foreign currency.
    """
    if currency == EURO:
        return Conversion(amount_eur=amount.quantize(CENT), rate=Decimal(1), year=year, source_id=None)
    if year is None:
        return None
    rate = rates_nearest(currency, year).first()
    if rate is None:
        return None
    amount_eur = (amount / rate.units_per_eur).quantize(CENT, rounding=ROUND_HALF_UP)
    return Conversion(
        amount_eur=amount_eur, rate=rate.units_per_eur, year=rate.year, source_id=rate.source_id
    )


def conversion_sql(*, amount: str, currency: str, year: str) -> str:
    """convert_to_eur in SQL, for set-based inserts (generate_data): a subquery giving
    amount_eur, eur_rate, eur_rate_year and eur_rate_source_id for SQL expressions of a
    row's amount, currency and reference year, to join LATERAL. The rate is chosen by
    the same rates_nearest() query; with no rate the columns are NULL, as in Python."""
    nearest = rates_nearest(RawSQL(currency, ()), RawSQL(year, ())).values(
        "units_per_eur", "year", "source_id"
    )
    rate_sql, params = nearest[:1].query.sql_with_params()
    with connection.cursor() as cursor:
        rate_sql = cursor.mogrify(rate_sql, params).decode()
    euro = f"{currency} = '{EURO}'"
    return f"""
        SELECT CASE WHEN {euro} THEN round({amount}, 2) ELSE round({amount} / rate.units_per_eur, 2) END
                   AS amount_eur,
               CASE WHEN {euro} THEN 1 ELSE rate.units_per_eur END AS eur_rate,
               CASE WHEN {euro} THEN {year} ELSE rate.year END AS eur_rate_year,
               CASE WHEN {euro} THEN NULL ELSE rate.source_id END AS eur_rate_source_id
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL ({rate_sql}) AS rate ON {year} IS NOT NULL AND {amount} IS NOT NULL
    """


def pledge_convert(pledge: Pledge) -> None:
    """Set the pledge's EUR amount and the rate, year and source used (unsaved)."""
    conversion = None
    if pledge.amount is not None and pledge.currency:
        conversion = convert_to_eur(pledge.amount, pledge.currency, pledge.reference_year)
    pledge.amount_eur = conversion.amount_eur if conversion else None
    pledge.eur_rate = conversion.rate if conversion else None
    pledge.eur_rate_year = conversion.year if conversion else None
    pledge.eur_rate_source_id = conversion.source_id if conversion else None


def _conversion_inputs(pledge: Pledge):
    return (pledge.amount, pledge.currency, pledge.reference_year)


@transaction.atomic
def pledge_save(*, pledge: Pledge, checked_by_database: bool = False) -> Pledge:
    """Validate and save a pledge, converting it to euros when its money changed.

    An unchanged amount keeps the rate it was converted with, even if the rate
    table has been edited since: published figures stay reproducible.
    """
    validate(pledge, checked_by_database=checked_by_database)
    stored = Pledge.objects.filter(pk=pledge.pk).first() if pledge.pk else None
    if (
        stored is None
        or _conversion_inputs(stored) != _conversion_inputs(pledge)
        or (pledge.amount is not None and pledge.amount_eur is None)
    ):
        pledge_convert(pledge)
    pledge.save()
    return pledge
