"""Every page's total for the same selection is the same number (PledgeQuerySet.counted).

The data are random trees of pledges: larger pledges with shares whose category,
donor, programme and agreement may differ from their larger pledge's. Figures are read
from the rendered pages' context, never recomputed here.
"""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pledges.models import Pledge, PledgeCategory
from tests.factories import AgreementFactory, PartyFactory, PledgeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def generate(rng: random.Random):
    """Donors, programmes and agreements, and pledges in trees up to two shares deep."""
    recipient = PartyFactory(slug="ukraine", name="Ukraine")
    donors = [PartyFactory() for _ in range(3)]
    programmes = [ProgrammeFactory() for _ in range(3)]
    agreements = [AgreementFactory(parties=(recipient, donor)) for donor in donors]

    def pledge(**fields):
        amount = Decimal(rng.randrange(1, 10_000)) * 1000 if rng.random() < 0.85 else None
        return PledgeFactory(
            recipient=recipient,
            donor=fields.pop("donor", None) or rng.choice(donors),
            category=rng.choice(PledgeCategory.values),
            programme=rng.choice([None, *programmes]),
            agreement=rng.choice([None, *agreements]),
            amount=amount,
            currency="EUR" if amount else "",
            amount_eur=amount,
            eur_rate=1 if amount else None,
            basis="" if amount else "a share of GDP",
            **fields,
        )

    for _ in range(rng.randrange(6, 12)):
        larger = pledge()
        for _ in range(rng.randrange(0, 4)):
            # Mostly the larger pledge's donor, sometimes another (a pooled pledge).
            share = pledge(part_of=larger, donor=larger.donor if rng.random() < 0.7 else None)
            if rng.random() < 0.3:  # a year's part of a framework within a programme
                pledge(part_of=share, donor=share.donor)
    return donors, programmes, agreements


def total(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if any(response.context.get(name) for name in ("total_eur", "pledged_eur", "pledged_total")):
        assert "Each euro is counted once" in response.text, url  # the rule, said beside the total
    return response.context


def eur(value):
    return value or Decimal(0)  # a page says "none with a sum" where another omits the row


@pytest.mark.parametrize("seed", range(8))
def test_every_page_gives_the_same_total_for_the_same_selection(client, seed):
    donors, programmes, agreements = generate(random.Random(seed))
    shares = Pledge.objects.filter(part_of__isnull=False, amount_eur__isnull=False)
    assert shares.exists()

    overview = total(client, "/")
    assert eur(overview["pledged_total"]) == eur(total(client, "/pledges/")["total_eur"])

    by_category = dict(overview["pledged_by_category"])
    for value, label in PledgeCategory.choices:
        listed = total(client, f"/pledges/?category={value}")["total_eur"]
        assert eur(by_category.get(label)) == eur(listed), value

    by_donor = {row.party.slug: row.total for row in overview["partners"]}
    for donor in donors:
        listed = total(client, f"/pledges/?donor={donor.slug}")["total_eur"]
        party = total(client, f"/parties/{donor.slug}/")
        assert eur(by_donor.get(donor.slug)) == eur(listed) == eur(party["total_eur"]), donor.slug
        party_by_category = dict(party["totals_by_category"])
        for value, label in PledgeCategory.choices:
            listed = total(client, f"/pledges/?donor={donor.slug}&category={value}")["total_eur"]
            assert eur(party_by_category.get(label)) == eur(listed), (donor.slug, value)

    for programme in programmes:
        listed = total(client, f"/pledges/?programme={programme.slug}")["total_eur"]
        page = total(client, f"/programmes/{programme.slug}/")["total_eur"]
        assert eur(page) == eur(listed), programme.slug

    for agreement in agreements:
        listed = total(client, f"/pledges/?agreement={agreement.slug}")["total_eur"]
        page = total(client, f"/agreements/{agreement.slug}/")["pledged_eur"]
        assert eur(page) == eur(listed), agreement.slug


def test_a_share_in_another_category_counts_in_its_own_and_once_in_the_grand_total(client):
    larger = PledgeFactory(category="mixed", amount=Decimal(900), amount_eur=Decimal(900), eur_rate=1)
    share = PledgeFactory(
        category="military",
        donor=larger.donor,
        part_of=larger,
        amount=Decimal(400),
        amount_eur=Decimal(400),
        eur_rate=1,
    )
    overview = client.get("/")
    assert dict(overview.context["pledged_by_category"]) == {
        "military": share.amount_eur,
        "military and civilian": larger.amount_eur,
    }
    assert overview.context["pledged_total"] == larger.amount_eur
    assert "counts under both" in overview.text


def test_shares_nest_two_levels_and_no_deeper():
    larger = PledgeFactory()
    share = PledgeFactory(part_of=larger, donor=larger.donor)
    nested = PledgeFactory(donor=larger.donor, recipient=larger.recipient, part_of=share)
    nested.full_clean()  # a year's part of a framework within a programme
    deeper = PledgeFactory.build(donor=larger.donor, recipient=larger.recipient, part_of=nested)
    with pytest.raises(ValidationError, match="itself a share of a share"):
        deeper.full_clean()
    larger.part_of = PledgeFactory(donor=larger.donor)
    with pytest.raises(ValidationError, match="shares of its own"):
        larger.full_clean()
    share.part_of = PledgeFactory(donor=larger.donor, part_of=PledgeFactory(donor=larger.donor))
    with pytest.raises(ValidationError, match="shares of its own"):
        share.full_clean()


def test_a_share_of_a_share_counts_once_whichever_larger_pledge_is_selected():
    programme = PledgeFactory(amount=Decimal(1000), amount_eur=Decimal(1000), eur_rate=1)
    framework = PledgeFactory(
        donor=programme.donor, part_of=programme, amount=Decimal(500), amount_eur=Decimal(500), eur_rate=1
    )
    year = PledgeFactory(
        donor=programme.donor, part_of=framework, amount=Decimal(100), amount_eur=Decimal(100), eur_rate=1
    )
    for selected, total in (
        ({programme, framework, year}, 1000),
        ({programme, year}, 1000),
        ({framework, year}, 500),
        ({year}, 100),
    ):
        pks = [p.pk for p in selected]
        assert Pledge.objects.filter(pk__in=pks).total_eur() == total, selected


@pytest.mark.parametrize("seed", range(4))
def test_a_share_of_a_pledge_without_a_sum_keeps_its_euros_in_every_total(client, seed):
    """A larger pledge stated without a sum ("a share of GDP") holds no euros: its shares'
    euros are all that is known of it, so they count (before, they dropped out)."""
    donors, _, _ = generate(random.Random(seed))
    sumless = PledgeFactory(
        donor=donors[0], amount=None, currency="", amount_eur=None, eur_rate=None, basis="0.25% of GDP"
    )
    PledgeFactory(donor=donors[0], part_of=sumless, amount=Decimal(80), amount_eur=Decimal(80), eur_rate=1)

    def held(pledge) -> Decimal:
        """The euros known of a pledge: its own sum, else what its shares hold."""
        if pledge.amount_eur is not None:
            return pledge.amount_eur
        return sum((held(share) for share in pledge.parts.all()), Decimal(0))

    expected = sum((held(larger) for larger in Pledge.objects.filter(part_of__isnull=True)), Decimal(0))
    assert eur(total(client, "/")["pledged_total"]) == expected
    assert eur(total(client, "/pledges/")["total_eur"]) == expected


def test_a_share_of_a_commitment_stated_as_a_share_of_gdp_counts():
    larger = PledgeFactory(amount=None, currency="", amount_eur=None, eur_rate=None, basis="0.25% of GDP")
    PledgeFactory(donor=larger.donor, part_of=larger, amount=Decimal(80), amount_eur=Decimal(80), eur_rate=1)
    assert Pledge.objects.total_eur() == Decimal(80)
    assert Pledge.objects.filter(donor=larger.donor).totals_eur_by("donor") == {larger.donor_id: Decimal(80)}
