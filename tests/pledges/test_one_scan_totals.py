"""The pledges list's totals, computed in one scan, are those of PledgeQuerySet.counted.

Random trees of pledges one share deep, with deliveries that fulfil some of them, some
amounts given per year, in several currencies, some without a sum or a euro value;
for every filter of the list and some of their combinations, the count, EUR total and
per-currency totals the page shows equal what `counted()` gives for the same selection.
"""

import random
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.http import QueryDict

from pledges.filters import PledgeFilter
from pledges.models import Pledge, PledgeCategory, PledgeStatus
from pledges.querysets import amount_in_all
from tests.factories import PartyFactory, PledgeFactory

pytestmark = pytest.mark.django_db

CURRENCIES = ("EUR", "USD", "NOK")


def generate(rng: random.Random) -> list:
    recipient = PartyFactory(slug="ukraine", name="Ukraine")
    donors = [PartyFactory() for _ in range(3)]

    def pledge(**fields):
        amount = Decimal(rng.randrange(1, 10_000)) * 1000 if rng.random() < 0.85 else None
        currency = rng.choice(CURRENCIES) if amount else ""
        converted = amount is not None and (currency == "EUR" or rng.random() < 0.7)
        rate = Decimal(1) if currency == "EUR" else Decimal("1.1")
        start = rng.choice([None, 2022, 2023, 2024])
        end = start + rng.randrange(0, 3) if start else None
        per_year = bool(amount and start) and rng.random() < 0.3
        return PledgeFactory(
            recipient=recipient,
            donor=fields.pop("donor", None) or rng.choice(donors),
            category=rng.choice(PledgeCategory.values),
            status=fields.pop("status", None) or rng.choice(PledgeStatus.values),
            amount=amount,
            currency=currency,
            amount_eur=(amount / rate).quantize(Decimal("0.01")) if converted else None,
            eur_rate=rate if converted else None,
            eur_rate_year=2024 if converted else None,
            basis="" if amount else "a share of GDP",
            period_start_year=start,
            period_end_year=end,
            amount_basis="per_year" if per_year else "total",
            **fields,
        )

    for _ in range(rng.randrange(8, 14)):
        larger = pledge()
        for _ in range(rng.randrange(0, 4)):
            pledge(part_of=larger, donor=larger.donor if rng.random() < 0.7 else None)
        if rng.random() < 0.4:
            pledge(fulfils=larger, donor=larger.donor, status=rng.choice(["allocated", "delivered"]))
    return donors


def expected(params: dict) -> dict:
    selection = PledgeFilter(QueryDict(urlencode(params)), queryset=Pledge.objects.all()).qs
    counted = selection.order_by().counted()
    by_currency = counted.exclude(currency="").values("currency").annotate(total=Sum(amount_in_all()))
    return {
        "total_count": selection.count(),
        "total_eur": selection.total_eur(),
        "totals_by_status": selection.totals_eur_by_status(),
        "totals_by_currency": [
            {"currency": row["currency"], "total": row["total"]} for row in by_currency.order_by("currency")
        ],
    }


@pytest.mark.parametrize("seed", range(6))
def test_list_totals_are_those_of_the_counted_rule(client, seed):
    rng = random.Random(seed)
    donors = generate(rng)
    assert Pledge.objects.filter(part_of__isnull=False).exists()
    assert Pledge.objects.filter(fulfils__isnull=False).exists()
    choices = {
        "category": PledgeCategory.values,
        "status": PledgeStatus.values,
        "currency": [c.lower() for c in CURRENCIES],
        "donor": [donor.slug for donor in donors],
        "year": ["2022", "2023", "2024", "2025"],
    }
    selections = [{}] + [{name: value} for name, values in choices.items() for value in values]
    selections += [
        {name: rng.choice(values) for name, values in rng.sample(list(choices.items()), 2)} for _ in range(8)
    ]
    for params in selections:
        cache.clear()
        response = client.get("/pledges/", params)
        assert response.status_code == 200, params
        shown = {
            name: response.context[name]
            for name in ("total_count", "total_eur", "totals_by_status", "totals_by_currency")
        }
        assert shown == expected(params), params
