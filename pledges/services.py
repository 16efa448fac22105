"""Writes to pledges, and the rule that converts their amounts to euros."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Abs

from core.money import EURO
from core.services import validate
from pledges.models import AmountBasis, ExchangeRate, Pledge, PledgeYear

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


class RateTable:
    """Exchange rates read in one query, so that converting many pledges (an import)
    costs no query each."""

    def __init__(self, currencies=None):
        rates = ExchangeRate.objects.all()
        if currencies is not None:
            rates = rates.filter(currency__in=currencies)
        self.by_year = defaultdict(dict)
        for rate in rates:
            self.by_year[rate.currency][rate.year] = rate

    def nearest(self, currency: str, year: int) -> ExchangeRate | None:
        """The rate of `year`, else of the nearest year that has one, the earlier of two equally near."""
        years = self.by_year.get(currency)
        if not years:
            return None
        return years[min(years, key=lambda y: (abs(y - year), y > year))]

    def of_year(self, currency: str, year: int | None) -> ExchangeRate | None:
        return self.by_year.get(currency, {}).get(year)


def at_rate(amount: Decimal, units_per_eur: Decimal) -> Decimal:
    return (amount / units_per_eur).quantize(CENT, rounding=ROUND_HALF_UP)


def convert_to_eur(
    amount: Decimal, currency: str, year: int | None, *, rates: RateTable | None = None
) -> Conversion | None:
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
    rate = (rates or RateTable([currency])).nearest(currency, year)
    if rate is None:
        return None
    return Conversion(
        amount_eur=at_rate(amount, rate.units_per_eur),
        rate=rate.units_per_eur,
        year=rate.year,
        source_id=rate.source_id,
    )


def nearest_rate_sql(*, currency: str, year: str) -> str:
    """rates_nearest() in SQL: the rate row (units_per_eur, year, source_id) that
    convert_to_eur uses for SQL expressions of a currency and a reference year."""
    nearest = rates_nearest(RawSQL(currency, ()), RawSQL(year, ())).values(
        "units_per_eur", "year", "source_id"
    )
    rate_sql, params = nearest[:1].query.sql_with_params()
    with connection.cursor() as cursor:
        return cursor.mogrify(rate_sql, params).decode()


def conversion_sql(*, amount: str, currency: str, year: str, rate: str | None = None) -> str:
    """convert_to_eur in SQL, for set-based inserts (generate_data): a subquery giving
    amount_eur, eur_rate, eur_rate_year and eur_rate_source_id for SQL expressions of a
    row's amount, currency and reference year, to join LATERAL. The rate is chosen by
    the same rates_nearest() query; with no rate the columns are NULL, as in Python.

    `rate` replaces that per-row lookup by SQL of a row (units_per_eur, year,
    source_id) already chosen by nearest_rate_sql, e.g. once per currency and year."""
    rate = rate or nearest_rate_sql(currency=currency, year=year)
    euro = f"{currency} = '{EURO}'"
    return f"""
        SELECT CASE WHEN {euro} THEN round({amount}, 2) ELSE round({amount} / rate.units_per_eur, 2) END
                   AS amount_eur,
               CASE WHEN {euro} THEN 1 ELSE rate.units_per_eur END AS eur_rate,
               CASE WHEN {euro} THEN {year} ELSE rate.year END AS eur_rate_year,
               CASE WHEN {euro} THEN NULL ELSE rate.source_id END AS eur_rate_source_id
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL ({rate}) AS rate ON {year} IS NOT NULL AND {amount} IS NOT NULL
    """


def split_over_years(amount: Decimal, years: int) -> list[Decimal]:
    """A total spread evenly over `years`, to the cent: each year gets the same share
    rounded down and the last year the rest, so the parts add up to the amount exactly."""
    share = (amount / years).quantize(CENT, rounding=ROUND_DOWN)
    return [share] * (years - 1) + [amount - share * (years - 1)]


def year_amounts(pledge: Pledge) -> dict[int, Decimal]:
    """{year: part of the amount in the pledge's currency}: a yearly amount in each year
    of the period, a total split evenly over them; a pledge with no period, all in its
    reference year. Empty when there is no amount or no year to convert it at."""
    years = pledge.years_covered
    if pledge.amount is None or not years:
        return {}
    if pledge.amount_basis == AmountBasis.PER_YEAR:
        return dict.fromkeys(years, pledge.amount)
    return dict(zip(years, split_over_years(pledge.amount, len(years)), strict=True))


def _part(pledge: Pledge, year: int, amount: Decimal, conversion: Conversion) -> PledgeYear:
    return PledgeYear(
        pledge=pledge,
        year=year,
        amount=amount,
        amount_eur=conversion.amount_eur,
        eur_rate=conversion.rate,
        eur_rate_year=conversion.year,
        eur_rate_source_id=conversion.source_id,
    )


def pledge_convert(pledge: Pledge, *, rates: RateTable | None = None, keep_rate: bool = False) -> None:
    """Set the pledge's EUR amount and the rate, year and source used (unsaved), and
    its yearly parts (pledge.year_parts, written by pledge_years_write once it is saved).

    Each year's part converts at that year's annual average rate (or, for a year with
    none published yet, the nearest year's: convert_to_eur), and the pledge's euros are
    the sum of its parts. The pledge's own eur_rate is then what the parts come to
    (amount in all / euros), and eur_rate_year the rate year only when every part used
    the same one.

    keep_rate: convert at the pledge's own eur_rate and eur_rate_year (as a re-imported
    export carries them) instead of the table's, so published figures stay the same; a
    pledge over several years keeps the rates its stored parts were converted at.
    """
    amounts = year_amounts(pledge) if pledge.currency else {}
    rates = rates or RateTable([pledge.currency])
    kept = _kept_rates(pledge, rates, len(amounts)) if keep_rate else {}
    parts = []
    for year, amount in amounts.items():
        rate = kept.get(year)
        conversion = (
            Conversion(at_rate(amount, rate.rate), rate.rate, rate.year, rate.source_id)
            if rate
            else convert_to_eur(amount, pledge.currency, year, rates=rates)
        )
        if conversion is None:  # no rate for the currency at all: no euros for any part
            parts = []
            break
        parts.append(_part(pledge, year, amount, conversion))
    pledge.year_parts = parts
    _sum_parts(pledge, parts)
    if not amounts and pledge.amount is not None and pledge.currency == EURO:
        # Euros with no year at all (no date, no period): nothing to split or convert,
        # and no year to put a part in; the amount is its own euro figure, as before parts.
        pledge.amount_eur, pledge.eur_rate = pledge.amount.quantize(CENT), Decimal(1)


def _kept_rates(pledge: Pledge, rates: RateTable, years: int) -> dict[int, Conversion]:
    """The rates a pledge was converted at, by year, to convert again at (keep_rate)."""
    if pledge.pk and years > 1:
        stored = PledgeYear.objects.filter(pledge=pledge.pk)
        return {
            part.year: Conversion(Decimal(0), part.eur_rate, part.eur_rate_year, part.eur_rate_source_id)
            for part in stored
        }
    if years == 1 and pledge.eur_rate:
        source = rates.of_year(pledge.currency, pledge.eur_rate_year)
        year = pledge.years_covered[0]
        return {
            year: Conversion(
                Decimal(0), pledge.eur_rate, pledge.eur_rate_year, source.source_id if source else None
            )
        }
    return {}


def _sum_parts(pledge: Pledge, parts: list[PledgeYear]) -> None:
    if not parts:
        pledge.amount_eur = pledge.eur_rate = pledge.eur_rate_year = pledge.eur_rate_source_id = None
        return
    pledge.amount_eur = sum(part.amount_eur for part in parts)
    rate_years = {part.eur_rate_year for part in parts}
    sources = {part.eur_rate_source_id for part in parts}
    if len(parts) == 1 or len({part.eur_rate for part in parts}) == 1 or not pledge.amount_eur:
        pledge.eur_rate = parts[0].eur_rate
    else:
        pledge.eur_rate = (pledge.amount_in_all / pledge.amount_eur).quantize(Decimal("0.000001"))
    pledge.eur_rate_year = rate_years.pop() if len(rate_years) == 1 else None
    pledge.eur_rate_source_id = sources.pop() if len(sources) == 1 else None


def pledge_years_write(*pledges: Pledge) -> None:
    """Replace the saved pledges' yearly parts by those pledge_convert computed."""
    converted = [pledge for pledge in pledges if getattr(pledge, "year_parts", None) is not None]
    if not converted:
        return  # not converted again: their parts stand
    PledgeYear.objects.filter(pledge__in=[pledge.pk for pledge in converted]).delete()
    parts = []
    for pledge in converted:
        for part in pledge.year_parts:
            part.pledge = pledge
            parts.append(part)
        del pledge.year_parts
    PledgeYear.objects.bulk_create(parts)


def _conversion_inputs(pledge: Pledge):
    return (pledge.amount, pledge.currency, pledge.amount_basis, pledge.years_covered)


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
        or (pledge.years_covered and pledge.amount is not None and not stored.years.exists())  # before parts
    ):
        pledge_convert(pledge)
    pledge.save()
    pledge_years_write(pledge)
    return pledge
