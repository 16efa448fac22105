"""Currency codes are normalised wherever they are typed (issue 10, defect 7)."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from core.money import CurrencyField, validate_currency
from pledges.models import ExchangeRate, Pledge, Programme
from pledges.services import pledge_save
from tests.factories import ExchangeRateFactory, PartyFactory, SourceFactory

pytestmark = pytest.mark.django_db

SPELLINGS = ["usd", " usd ", "Usd", "uSD", "\tusd\n", "u s d", "USD"]


def test_every_currency_field_of_every_model_normalises():
    holding_money = [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if validate_currency in field.validators or "currency" in field.name
    ]
    assert {(m.__name__, f) for m, f in holding_money} >= {
        ("Pledge", "currency"),
        ("Programme", "budget_currency"),
        ("ExchangeRate", "currency"),
    }
    for model, name in holding_money:
        if model.__name__.startswith("Historical"):
            continue  # history copies the value already normalised
        assert isinstance(model._meta.get_field(name), CurrencyField), (model, name)


@pytest.mark.parametrize("typed", SPELLINGS)
def test_a_pledge_in_any_spelling_of_a_code_is_saved_upper_case_and_converted(typed):
    ExchangeRateFactory(year=2024, currency="USD", units_per_eur=Decimal("1.08"))
    pledge = Pledge(
        donor=PartyFactory(),
        recipient=PartyFactory(),
        amount=Decimal("108"),
        currency=typed,
        period_start_year=2024,
    )
    pledge_save(pledge=pledge)
    pledge.refresh_from_db()
    assert (pledge.currency, pledge.amount_eur) == ("USD", Decimal("100.00"))


@pytest.mark.parametrize("typed", SPELLINGS)
def test_programme_budget_and_exchange_rate_codes_are_normalised(typed):
    programme = Programme(name="P", slug="p", kind="fund", budget_amount=Decimal(1), budget_currency=typed)
    programme.full_clean()
    programme.save()
    rate = ExchangeRate(year=2024, currency=typed, units_per_eur=1, business_days=1, source=SourceFactory())
    rate.full_clean()
    rate.save()
    assert Programme.objects.get().budget_currency == ExchangeRate.objects.get().currency == "USD"


@pytest.mark.parametrize("typed", ["us", "xyz", "dollar", "12 3"])
def test_a_code_that_is_not_iso_4217_is_refused_with_a_message_saying_so(typed):
    pledge = Pledge(donor=PartyFactory(), recipient=PartyFactory(), amount=Decimal(1), currency=typed)
    with pytest.raises(ValidationError) as refused:
        pledge.full_clean()
    messages = refused.value.message_dict
    assert "currency" in messages
    assert "needs its currency" not in str(messages)
    assert not Pledge.objects.exists()


def test_a_csv_import_with_a_lowercase_currency_stores_and_converts_it():
    import tablib

    from pledges.imports import PledgeResource

    ExchangeRateFactory(year=2024, currency="USD", units_per_eur=Decimal("1.08"))
    donor, recipient = PartyFactory(slug="sweden"), PartyFactory(slug="ukraine")
    header = "pledge_id,donor_slug,recipient_slug,category,amount,currency,amount_qualifier,"
    header += "period_start_year,status"
    text = f"{header}\r\n,{donor.slug},{recipient.slug},military,108, usd ,exact,2024,announced\r\n"
    result = PledgeResource().import_data(tablib.Dataset().load(text, format="csv"), dry_run=False)
    errors = [e.error for row in result.row_errors() for e in row[1]] + [e.error for e in result.base_errors]
    assert not result.has_errors() and not result.has_validation_errors(), errors
    assert Pledge.objects.values_list("currency", "amount_eur").get() == ("USD", Decimal("100.00"))
