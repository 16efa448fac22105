"""Totals split by status, and allocations and deliveries linked to what they fulfil.

Random selections of pledges with every status, shares and fulfilments; the expected
figure of each status is computed here from the rows by the rule the README states
(a share counts unless the pledge it is part of is in the same selection with a
sum, a fulfilment unless the commitment it fulfils is, with a sum), and every page showing a
total must give the same split."""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pledges.models import Pledge, PledgeStatus
from pledges.querysets import STATUS_ORDER
from pledges.services import pledge_save
from tests.factories import AgreementFactory, PartyFactory, PledgeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def generate(rng: random.Random):
    recipient = PartyFactory(slug="ukraine", name="Ukraine")
    donors = [PartyFactory() for _ in range(3)]
    programmes = [ProgrammeFactory() for _ in range(2)]
    agreements = [AgreementFactory(parties=(recipient, donor)) for donor in donors]

    def pledge(donor, status, **fields):
        amount = Decimal(rng.randrange(1, 10_000)) * 1000 if rng.random() < 0.9 else None
        return PledgeFactory(
            recipient=recipient,
            donor=donor,
            status=status,
            programme=rng.choice([None, *programmes]),
            agreement=rng.choice([None, agreements[donors.index(donor)]]),
            amount=amount,
            currency="EUR" if amount else "",
            amount_eur=amount,
            eur_rate=1 if amount else None,
            basis="" if amount else "a share of GDP",
            **fields,
        )

    for _ in range(rng.randrange(6, 12)):
        donor = rng.choice(donors)
        promise = pledge(donor, rng.choice(STATUS_ORDER))
        for _ in range(rng.randrange(0, 3)):
            share = pledge(donor, rng.choice(STATUS_ORDER), part_of=promise)
            if rng.random() < 0.3:  # a year's share of a programme, and what was delivered of it
                pledge(donor, PledgeStatus.DELIVERED, fulfils=share)
        for _ in range(rng.randrange(0, 3)):
            pledge(donor, rng.choice([PledgeStatus.ALLOCATED, PledgeStatus.DELIVERED]), fulfils=promise)
    return donors, programmes, agreements


def expected_total(rows):
    """The rule, restated over plain rows: each euro once within the selection."""
    with_sum = {row.pk for row in rows if row.amount_eur is not None}
    counted = [r for r in rows if r.part_of_id not in with_sum and r.fulfils_id not in with_sum]
    euros = [r.amount_eur for r in counted if r.amount_eur is not None]
    return sum(euros) if euros else None


def expected_by_status(rows):
    totals = {status: expected_total([r for r in rows if r.status == status]) for status in STATUS_ORDER}
    return {status: total for status, total in totals.items() if total is not None}


def context(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context


@pytest.mark.parametrize("seed", range(6))
def test_status_totals_are_the_sum_of_their_pledges_and_the_same_on_every_page(client, seed):
    donors, programmes, agreements = generate(random.Random(seed))
    everything = list(Pledge.objects.all())
    assert any(p.fulfils_id for p in everything) and any(p.part_of_id for p in everything)

    split = expected_by_status(everything)
    assert Pledge.objects.totals_eur_by_status() == split
    assert list(split) == [s for s in STATUS_ORDER if s in split]  # in the order money moves
    assert Pledge.objects.total_eur() == expected_total(everything)
    assert sum(Pledge.objects.totals_eur_by_year().values()) == Pledge.objects.total_eur()
    assert context(client, "/")["pledged_by_status"] == split
    assert context(client, "/pledges/")["totals_by_status"] == split
    for status in STATUS_ORDER:  # the split's figure is the figure of that status's own list
        assert context(client, f"/pledges/?status={status}")["total_eur"] == split.get(status), status

    selections = [
        *[(f"/parties/{d.slug}/", "totals_by_status", f"donor={d.slug}", {"donor": d}) for d in donors],
        *[
            (f"/agreements/{a.slug}/", "pledged_by_status", f"agreement={a.slug}", {"agreement": a})
            for a in agreements
        ],
        *[
            (f"/programmes/{p.slug}/", "totals_by_status", f"programme={p.slug}", {"programme": p})
            for p in programmes
        ],
    ]
    for page, name, query, lookup in selections:
        rows = [r for r in everything if all(getattr(r, f"{k}_id") == v.pk for k, v in lookup.items())]
        want = expected_by_status(rows)
        assert context(client, page)[name] == want, page
        assert context(client, f"/pledges/?{query}")["totals_by_status"] == want, query


def test_a_delivery_shows_against_its_promise_with_its_share(client):
    agreement = AgreementFactory()
    donor, recipient = PartyFactory(), PartyFactory()
    promise = PledgeFactory(
        donor=donor, recipient=recipient, agreement=agreement, status="committed",
        amount=Decimal(2000), amount_eur=Decimal(2000), eur_rate=1,
    )  # fmt: skip
    delivered = PledgeFactory(
        donor=donor,
        recipient=recipient,
        status="delivered",
        fulfils=promise,
        amount=Decimal(500),
        amount_eur=Decimal(500),
        eur_rate=1,
    )  # fmt: skip (no agreement named: it counts through the promise)
    page = context(client, f"/agreements/{agreement.slug}/")
    [record] = page["promise_records"]
    assert record.promise == promise and record.fulfilments == [delivered]
    assert record.delivered_share == delivered.amount_eur / promise.amount_eur
    year = promise.announced_on.year
    assert page["by_year"] == [(year, promise.amount_eur, None, delivered.amount_eur)]
    assert page["pledged_eur"] == promise.amount_eur  # the money once
    assert page["pledged_by_status"] == {"committed": promise.amount_eur}


def fulfilment(promise, **fields):
    values = {
        "donor": promise.donor,
        "recipient": promise.recipient,
        "status": "delivered",
        "fulfils": promise,
    }
    return PledgeFactory.build(**{**values, **fields})


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: fulfilment(p, donor=PartyFactory()), "same donor"),
        (lambda p: fulfilment(p, status="committed"), "Only an allocation or a delivery"),
        (lambda p: fulfilment(p, part_of=PledgeFactory(donor=p.donor)), "A share cannot fulfil"),
        (
            lambda p: fulfilment(PledgeFactory(donor=p.donor, status="delivered", fulfils=p)),
            "itself evidence",
        ),
    ],
    ids=["other donor", "not a delivery", "a share fulfilling", "two levels"],
)
def test_a_bad_fulfilment_link_is_refused_and_nothing_written(make, message):
    promise = PledgeFactory(status="committed")
    row = make(promise)
    before = Pledge.objects.count()
    with pytest.raises(ValidationError, match=message) as error:
        pledge_save(pledge=row)
    assert "fulfils" in error.value.message_dict
    assert Pledge.objects.count() == before


def test_a_pledge_cannot_fulfil_itself_nor_be_fulfilled_while_it_fulfils():
    promise = PledgeFactory(status="delivered")
    promise.fulfils = promise
    with pytest.raises(ValidationError, match="cannot fulfil itself"):
        pledge_save(pledge=promise)
    other = PledgeFactory(status="committed", donor=promise.donor)
    PledgeFactory(status="delivered", donor=promise.donor, fulfils=promise)
    promise.fulfils = other
    with pytest.raises(ValidationError, match="cannot fulfil another"):
        pledge_save(pledge=promise)
