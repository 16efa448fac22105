import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pledges.models import Pledge
from pledges.services import convert_to_eur, pledge_save
from tests.factories import ExchangeRateFactory, PartyFactory, PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nok_rates():
    ExchangeRateFactory(year=2023, units_per_eur=Decimal("11.4248"))
    return ExchangeRateFactory(year=2024, units_per_eur=Decimal("11.6290"))


def test_converts_with_the_rate_of_the_year(nok_rates):
    conversion = convert_to_eur(Decimal("75000000000"), "NOK", 2023)
    assert conversion.year == 2023
    assert conversion.rate == Decimal("11.4248")
    assert conversion.amount_eur == (Decimal("75000000000") / Decimal("11.4248")).quantize(Decimal("0.01"))


def test_falls_back_to_the_nearest_year(nok_rates):
    assert convert_to_eur(Decimal("1"), "NOK", 2026).year == 2024
    assert convert_to_eur(Decimal("1"), "NOK", 2019).year == 2023


def test_euros_convert_at_one_and_unknown_currencies_not_at_all(nok_rates):
    euro = convert_to_eur(Decimal("2000000000"), "EUR", 2024)
    assert (euro.amount_eur, euro.rate) == (Decimal("2000000000.00"), Decimal(1))
    assert convert_to_eur(Decimal("1"), "UAH", 2024) is None


def test_pledge_save_keeps_the_rate_source_and_year(nok_rates):
    pledge = pledge_save(
        pledge=PledgeFactory.build(
            donor=PartyFactory(),
            recipient=PartyFactory(),
            amount=Decimal("13500000000"),
            currency="NOK",
            announced_on=datetime.date(2024, 5, 31),
            announced_precision="day",
        )
    )
    pledge.refresh_from_db()
    assert (pledge.eur_rate, pledge.eur_rate_year) == (Decimal("11.629000"), 2024)
    assert pledge.eur_rate_source == nok_rates.source
    assert pledge.amount_eur == Decimal("1160890876.26")  # 13.5 bn / 11.629


def test_a_pledge_keeps_its_rate_when_the_table_changes(nok_rates):
    pledge = pledge_save(
        pledge=PledgeFactory.build(
            donor=PartyFactory(),
            recipient=PartyFactory(),
            amount=Decimal("1000"),
            currency="NOK",
        )
    )
    converted = pledge.amount_eur
    nok_rates.units_per_eur = Decimal("20")
    nok_rates.save()

    pledge.purpose = "edited purpose"
    pledge_save(pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.amount_eur == converted

    pledge.amount = Decimal("2000")
    pledge_save(pledge=pledge)
    pledge.refresh_from_db()
    assert (pledge.amount_eur, pledge.eur_rate) == (Decimal("100.00"), Decimal("20"))


def test_foreign_amount_needs_a_year_to_convert():
    pledge = PledgeFactory.build(
        donor=PartyFactory(),
        recipient=PartyFactory(),
        currency="NOK",
        announced_on=None,
        announced_precision="",
    )
    with pytest.raises(ValidationError, match="converted to euros"):
        pledge_save(pledge=pledge)
    assert not Pledge.objects.exists()


def test_unknown_currency_code_is_refused():
    pledge = PledgeFactory.build(donor=PartyFactory(), recipient=PartyFactory(), currency="XYZ")
    with pytest.raises(ValidationError, match="ISO 4217"):
        pledge_save(pledge=pledge)


def test_totals_count_a_share_only_once():
    whole = PledgeFactory(amount=Decimal("199"), amount_eur=Decimal("199"), eur_rate=1)
    PledgeFactory(amount=Decimal("110"), amount_eur=Decimal("110"), eur_rate=1, part_of=whole)
    assert Pledge.objects.total_eur() == Decimal("199")
