"""Rules the database itself enforces, whatever writes to it."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from agreements.models import AgreementParty
from pledges.models import Pledge
from tests.factories import (
    AgreementFactory,
    CitationFactory,
    ExchangeRateFactory,
    MembershipFactory,
    MilestoneFactory,
    OfficeFactory,
    PartyFactory,
    PledgeFactory,
    ProgrammeFactory,
    SignatoryFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def rejected(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)
    return True


@pytest.mark.parametrize(
    "fields",
    [
        {"amount": Decimal("-1")},
        {"amount": Decimal("5"), "currency": ""},
        {"amount": None, "currency": "EUR"},
        {"amount": None, "currency": "", "basis": "in kind", "quantity": 24, "item": ""},
        {"amount": None, "currency": "", "basis": "in kind", "quantity": None, "item": "F-16"},
        {"amount": None, "currency": ""},
        {"period_start_year": 2025, "period_end_year": 2024},
        {"category": "cultural"},
        {"status": "rumoured"},
    ],
)
def test_pledge_rules(fields):
    assert rejected(PledgeFactory, **fields)


def test_a_lowercase_currency_written_past_the_model_is_refused_by_the_database():
    pledge = PledgeFactory()  # the model normalises "eur" on assignment; an UPDATE does not
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(currency="eur")


def test_pledge_donor_cannot_be_recipient():
    party = PartyFactory()
    assert rejected(PledgeFactory, donor=party, recipient=party)


def test_pledge_in_kind_or_by_basis_is_accepted():
    PledgeFactory(amount=None, currency="", quantity=24, item="F-16 fighter jets")
    PledgeFactory(amount=None, currency="", basis="0.25% of GDP a year")


def test_pledge_duplicates_are_rejected():
    pledge = PledgeFactory()
    assert rejected(PledgeFactory, donor=pledge.donor, recipient=pledge.recipient, purpose=pledge.purpose)


def test_pledge_conversion_is_all_or_nothing():
    assert rejected(PledgeFactory, amount_eur=Decimal("5"))
    assert rejected(PledgeFactory, amount_eur=Decimal("5"), eur_rate=Decimal("0"))


def test_office_ends_after_it_starts():
    assert rejected(
        OfficeFactory,
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2023, 1, 1),
        ended_precision="day",
    )


def test_membership_not_of_itself():
    party = PartyFactory()
    assert rejected(MembershipFactory, member=party, organisation=party)


def test_party_iso_code_format_and_uniqueness():
    assert rejected(PartyFactory, iso_code="nl")
    PartyFactory(iso_code="NL")
    assert rejected(PartyFactory, iso_code="NL")


def test_source_url_is_unique_when_given():
    SourceFactory(url="https://a.example/x")
    assert rejected(SourceFactory, url="https://a.example/x")
    SourceFactory(url="")
    SourceFactory(url="", title="Another")


def test_citation_backs_exactly_one_fact():
    assert rejected(CitationFactory, pledge=None)
    assert rejected(CitationFactory, programme=ProgrammeFactory())


def test_same_citation_twice_is_rejected():
    citation = CitationFactory()
    assert rejected(CitationFactory, source=citation.source, quote=citation.quote, pledge=citation.pledge)


def test_milestone_one_preferred_claim_per_kind():
    milestone = MilestoneFactory()
    assert rejected(MilestoneFactory, agreement=milestone.agreement, date=datetime.date(2024, 3, 2))
    MilestoneFactory(agreement=milestone.agreement, date=datetime.date(2024, 3, 2), is_preferred=False)


def test_signatory_once_per_agreement():
    signatory = SignatoryFactory()
    assert rejected(SignatoryFactory, agreement=signatory.agreement, person=signatory.person)


def test_programme_budget_and_years():
    assert rejected(ProgrammeFactory, budget_amount=Decimal("75000000000"), budget_currency="")
    assert rejected(ProgrammeFactory, start_year=2027, end_year=2023)
    assert rejected(ProgrammeFactory, budget_amount=Decimal("-1"), budget_currency="NOK")


def test_exchange_rate_positive_and_unique():
    assert rejected(ExchangeRateFactory, units_per_eur=Decimal("0"))
    assert rejected(ExchangeRateFactory, currency="EUR")
    ExchangeRateFactory()
    assert rejected(ExchangeRateFactory)


def test_agreement_term_is_positive():
    assert rejected(AgreementFactory, term_years=0)


def test_bilateral_agreement_needs_exactly_two_parties(commit_checks):
    agreement = AgreementFactory()
    commit_checks()  # two parties: passes
    AgreementParty.objects.create(agreement=agreement, party=PartyFactory())
    with pytest.raises(IntegrityError, match="exactly two parties"):
        commit_checks()


def test_bilateral_agreement_with_one_party_is_rejected(commit_checks):
    agreement = AgreementFactory()
    agreement.party_roles.first().delete()
    with pytest.raises(IntegrityError, match="exactly two parties"):
        commit_checks()


def test_multilateral_agreement_may_have_many_parties(commit_checks):
    agreement = AgreementFactory(is_bilateral=False)
    for _ in range(3):
        AgreementParty.objects.create(agreement=agreement, party=PartyFactory())
    commit_checks()
    assert agreement.party_roles.count() == 5
