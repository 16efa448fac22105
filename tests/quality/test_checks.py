"""Each data-quality check finds its defect, and nothing on clean data."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps

from quality import checks
from quality.keys import record_key
from sources.models import CITED_FACTS, FACTS_NEEDING_A_SOURCE, Citation, Claim, Dispute
from tests.factories import (
    AgreementFactory,
    AgreementProvisionFactory,
    MembershipFactory,
    MilestoneFactory,
    OfficeFactory,
    PartyFactory,
    PledgeFactory,
    ProgrammeMembershipFactory,
    SignatoryFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def keys(check):
    return [finding.key for finding in check()]


def one_of_every_fact():
    """A record of every kind a citation can back (with their parents)."""
    agreement = AgreementFactory()
    MilestoneFactory(agreement=agreement)
    SignatoryFactory(agreement=agreement)
    PledgeFactory(agreement=agreement)
    ProgrammeMembershipFactory()
    OfficeFactory()
    MembershipFactory()
    Claim.objects.create(dispute=Dispute.objects.create(topic="Term", agreement=agreement), statement="10")
    AgreementProvisionFactory(agreement=agreement)  # a stated answer: it needs its sentence
    AgreementProvisionFactory(agreement=agreement, answer="not_stated", passage="")  # silence needs none


def cite_everything():
    source = SourceFactory()
    for field, label in CITED_FACTS:
        for fact in apps.get_model(label).objects.filter(citations__isnull=True):
            Citation.objects.create(source=source, quote=f"{field} {fact.pk}", **{field: fact})


def test_every_kind_of_uncited_fact_is_found_but_parties_which_are_entities():
    one_of_every_fact()
    found = {finding.key.split(":")[0] for finding in checks.uncited_facts()}
    assert found == {apps.get_model(label)._meta.model_name for _, label in FACTS_NEEDING_A_SOURCE}
    assert "party" not in found


def test_no_uncited_fact_is_found_when_every_fact_has_a_source():
    one_of_every_fact()
    cite_everything()
    assert checks.uncited_facts() == []


def test_an_uncited_pledge_is_named_with_its_key_and_admin_link():
    pledge = PledgeFactory(donor=PartyFactory(slug="sweden"), purpose="air defence")
    finding = next(f for f in checks.uncited_facts() if f.key.startswith("pledge:"))
    assert finding.key == record_key(pledge) == "pledge:sweden/2024-01-01/EUR 1,000,000 for air defence"
    assert finding.admin_url == f"/admin/pledges/pledge/{pledge.pk}/change/"
    assert finding.label == str(pledge)


def test_sources_without_url_are_found_and_others_not():
    SourceFactory()
    bare = SourceFactory(url="", publisher="Gov", title="Text", published_on=None, published_precision="")
    assert keys(checks.sources_without_url) == ["source:Gov/Text/-"] == [record_key(bare)]


@pytest.mark.parametrize("first_start", [D(2020, 1, 1), None])
def test_an_office_left_open_after_a_later_holder_took_it_is_found(first_start):
    nl = PartyFactory(slug="netherlands")
    precision = "day" if first_start else ""
    rutte = OfficeFactory(
        party=nl, person__slug="mark-rutte", started_on=first_start, started_precision=precision
    )
    schoof = OfficeFactory(party=nl, person__slug="dick-schoof", started_on=D(2024, 7, 2))
    assert keys(checks.superseded_open_offices) == [record_key(rutte)]
    rutte.ended_on, rutte.ended_precision = D(2024, 7, 2), "day"
    rutte.save()
    assert checks.superseded_open_offices() == []
    assert schoof.ended_on is None  # the latest holder may stay open


def test_open_offices_of_different_posts_or_parties_are_not_findings():
    nl = PartyFactory()
    OfficeFactory(party=nl, title="Prime Minister", started_on=D(2020, 1, 1))
    OfficeFactory(party=nl, title="Minister of Defence", started_on=D(2024, 1, 1))
    OfficeFactory(party=PartyFactory(), title="Prime Minister", started_on=D(2024, 1, 1))
    assert checks.superseded_open_offices() == []


def test_a_dispute_with_no_preferred_claim_is_found_until_one_is_preferred():
    dispute = Dispute.objects.create(topic="Term", agreement=AgreementFactory(slug="nl"))
    Claim.objects.create(dispute=dispute, statement="10 years")
    twenty = Claim.objects.create(dispute=dispute, statement="20 years")
    assert keys(checks.disputes_without_preferred_claim) == ["dispute:nl/Term"]
    twenty.is_preferred = True
    twenty.save()
    assert checks.disputes_without_preferred_claim() == []


def test_a_milestone_whose_claims_are_all_unpreferred_is_found_once():
    agreement = AgreementFactory(slug="nl")
    MilestoneFactory(agreement=agreement, date=D(2024, 3, 1), is_preferred=False)
    second = MilestoneFactory(agreement=agreement, date=D(2024, 3, 2), is_preferred=False)
    MilestoneFactory(agreement=agreement, kind="in_force", is_preferred=True)  # settled
    assert keys(checks.disputes_without_preferred_claim) == ["milestone:nl/signed"]
    second.is_preferred = True
    second.save()
    assert checks.disputes_without_preferred_claim() == []


def pledge(donor, **fields):
    return PledgeFactory(donor=donor, **{"period_start_year": 2024, "period_end_year": 2024, **fields})


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"purpose": "Air defence"}, {"purpose": " air-defence ", "amount": Decimal(5)}),
        (
            {"purpose": "air defence", "period_end_year": 2026},
            {"purpose": "air defence", "period_start_year": 2026},
        ),
        ({"purpose": "2024 support"}, {"purpose": "air defence package"}),  # same agreement and category
    ],
)
def test_overlapping_pledges_without_a_part_of_link_are_found_until_linked(first, second):
    sweden, agreement = PartyFactory(), AgreementFactory()
    whole = pledge(sweden, agreement=agreement, **first)
    share = pledge(sweden, agreement=agreement, **{"period_end_year": None, **second})
    (finding,) = checks.overlapping_pledges()
    assert finding.key == " & ".join(sorted([record_key(whole), record_key(share)]))
    share.part_of = whole
    share.save()
    assert checks.overlapping_pledges() == []


def test_pledges_that_do_not_overlap_are_not_findings():
    sweden, whole_agreement = PartyFactory(), AgreementFactory()
    pledge(sweden, purpose="air defence")
    pledge(PartyFactory(), purpose="air defence")  # another donor
    pledge(sweden, purpose="air defence", period_start_year=2022, period_end_year=2023)  # other years
    pledge(sweden, purpose="demining", agreement=whole_agreement)  # another purpose and agreement
    pledge(sweden, purpose="field hospitals", agreement=whole_agreement, category="humanitarian")
    pledge(sweden, purpose="air defence", amount=None, currency="", quantity=3, item="IRIS-T")  # no sum
    pledge(sweden, purpose="air defence", amount=Decimal(7), status="cancelled")
    assert checks.overlapping_pledges() == []


def test_two_shares_of_the_same_whole_are_not_counted_twice():
    sweden = PartyFactory()
    whole = pledge(sweden, purpose="2024 military aid")
    pledge(sweden, purpose="ammunition", part_of=whole)
    pledge(sweden, purpose="ammunition", part_of=whole, amount=Decimal(9))
    assert checks.overlapping_pledges() == []


def test_clean_data_has_no_finding_at_all():
    one_of_every_fact()
    cite_everything()
    for claim in Claim.objects.all():
        claim.is_preferred = True
        claim.save()
    assert checks.all_findings() == []
