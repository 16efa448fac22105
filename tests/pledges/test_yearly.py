"""Yearly and multi-year pledges: the parts add up, each converts at its own year's rate.

Inputs are generated (Hypothesis): amounts, periods, bases, currencies and a rate table
with gaps; the expectation of each case is computed from those inputs by the rule the
README states, never typed."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from pledges.models import AmountBasis, Pledge, PledgeYear
from pledges.services import pledge_save, split_over_years
from tests.factories import ExchangeRateFactory, PartyFactory, PledgeFactory, SourceFactory

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")
RATE_YEARS = range(2020, 2026)  # the table ends in 2025: later years use its latest rate

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10") ** 12, places=2)


@given(amount=amounts, years=st.integers(min_value=1, max_value=30))
def test_a_total_splits_into_equal_parts_that_add_up_to_the_cent(amount, years):
    parts = split_over_years(amount, years)
    assert len(parts) == years and sum(parts) == amount
    assert all(part >= 0 and part == part.quantize(CENT) for part in parts)
    assert len(set(parts[:-1])) <= 1 and parts[-1] - parts[0] < CENT * years  # even, the rest last


@pytest.fixture
def rates():
    """ISK rates for some years (2022 missing), as the ECB table might hold them."""
    source = SourceFactory(kind="dataset")
    table = {}
    for year in RATE_YEARS:
        if year != 2022:
            rate = Decimal(130 + (year - 2020) * 7) + Decimal("0.123456")
            ExchangeRateFactory(year=year, currency="ISK", units_per_eur=rate, source=source)
            table[year] = rate
    return table


def nearest(table, year):
    return min(table, key=lambda y: (abs(y - year), y > year))


@given(
    amount=amounts,
    start=st.integers(min_value=2018, max_value=2029),
    length=st.integers(min_value=1, max_value=8),
    basis=st.sampled_from(AmountBasis.values),
    currency=st.sampled_from(["ISK", "EUR"]),
)
def test_each_years_part_converts_at_that_years_rate(rates, amount, start, length, basis, currency):
    end = start + length - 1
    pledge = pledge_save(
        pledge=PledgeFactory.build(
            donor=PartyFactory(),
            recipient=PartyFactory(),
            amount=amount,
            currency=currency,
            amount_basis=basis,
            announced_on=datetime.date(2017, 1, 1),  # before the period: its rate is never used
            period_start_year=start,
            period_end_year=end,
        )
    )
    parts = list(PledgeYear.objects.filter(pledge=pledge).order_by("year"))
    years = list(range(start, end + 1))
    assert [part.year for part in parts] == years
    in_all = amount * length if basis == AmountBasis.PER_YEAR else amount
    assert sum(part.amount for part in parts) == in_all == pledge.amount_in_all
    for part in parts:
        if currency == "EUR":
            assert (part.eur_rate, part.amount_eur) == (1, part.amount)
            continue
        used = nearest(rates, part.year)
        assert (part.eur_rate_year, part.eur_rate) == (used, rates[used])
        assert part.rate_is_provisional == (part.year not in rates)
        assert part.amount_eur == (part.amount / rates[used]).quantize(CENT, rounding=ROUND_HALF_UP)
    assert pledge.amount_eur == sum(part.amount_eur for part in parts)
    # Totals count the whole period, and each year its part.
    selection = Pledge.objects.filter(pk=pledge.pk)
    assert selection.total_eur() == pledge.amount_eur
    assert selection.totals_eur_by_year() == {part.year: part.amount_eur for part in parts}


def test_a_re_save_keeps_the_rates_its_parts_were_converted_at(rates):
    pledge = pledge_save(
        pledge=PledgeFactory.build(
            donor=PartyFactory(),
            recipient=PartyFactory(),
            amount=Decimal("4000000000"),
            currency="ISK",
            amount_basis=AmountBasis.PER_YEAR,
            period_start_year=2024,
            period_end_year=2026,
        )
    )
    before = list(pledge.years.values_list("year", "amount_eur", "eur_rate", "eur_rate_year"))
    ExchangeRateFactory(year=2026, currency="ISK", units_per_eur=Decimal("999"))  # published later
    pledge.notes = "an edit that leaves the money alone"
    pledge_save(pledge=pledge)
    assert list(pledge.years.values_list("year", "amount_eur", "eur_rate", "eur_rate_year")) == before
    pledge.amount = Decimal("5000000000")  # the money changes: converted again, 2026 at its own rate
    pledge_save(pledge=pledge)
    assert pledge.years.get(year=2026).eur_rate == Decimal("999")


@pytest.mark.parametrize("period", [(None, None), (2024, None)], ids=["no period", "no last year"])
def test_a_yearly_amount_needs_its_whole_period(period):
    pledge = PledgeFactory.build(
        donor=PartyFactory(),
        recipient=PartyFactory(),
        amount_basis=AmountBasis.PER_YEAR,
        period_start_year=period[0],
        period_end_year=period[1],
    )
    with pytest.raises(ValidationError) as error:
        pledge_save(pledge=pledge)
    assert "amount_basis" in error.value.message_dict
    assert not Pledge.objects.exists()


def test_pledges_converted_before_yearly_parts_get_them_from_the_command(rates):
    from django.core.management import call_command

    old = PledgeFactory(
        amount=Decimal("3000000000"),
        currency="ISK",
        amount_basis=AmountBasis.PER_YEAR,
        period_start_year=2023,
        period_end_year=2024,
        amount_eur=Decimal(1),  # as converted once, at one rate, before parts existed
        eur_rate=Decimal(1),
    )
    call_command("pledge_years", verbosity=0)
    old.refresh_from_db()
    parts = {part.year: part for part in old.years.all()}
    assert set(parts) == {2023, 2024}
    assert old.amount_eur == sum(p.amount_eur for p in parts.values())
    assert all(p.eur_rate == rates[year] for year, p in parts.items())
