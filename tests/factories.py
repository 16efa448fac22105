"""factory-boy factories for every model."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from agreements.models import (
    Agreement,
    AgreementParty,
    Area,
    Milestone,
    MilestoneKind,
    PartyRole,
    Signatory,
)
from donors.models import GdpFigure, Membership, Office, Party, PartyKind, Person
from pledges.models import ExchangeRate, Pledge, Programme, ProgrammeKind, ProgrammeMembership
from provisions.models import AgreementProvision, Provision
from sources.models import Citation, Claim, Dispute, Source, SourceText


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"State {n}")
    slug = factory.Sequence(lambda n: f"state-{n}")
    kind = PartyKind.STATE


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    member = factory.SubFactory(PartyFactory)
    organisation = factory.SubFactory(PartyFactory, kind=PartyKind.ORGANISATION)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office

    person = factory.SubFactory(PersonFactory)
    party = factory.SubFactory(PartyFactory)
    title = "Prime Minister"
    started_on = datetime.date(2020, 1, 1)
    started_precision = "day"


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Example News"
    published_on = datetime.date(2024, 3, 2)
    published_precision = "day"
    url = factory.Sequence(lambda n: f"https://news.example/{n}")


class SourceTextFactory(DjangoModelFactory):
    class Meta:
        model = SourceText

    source = factory.SubFactory(SourceFactory)
    text = factory.Sequence(lambda n: f"Sentence {n}. Another sentence.")


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class AgreementFactory(DjangoModelFactory):
    """A bilateral agreement with its two parties (a recipient and a partner)."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Agreement {n}")
    slug = factory.Sequence(lambda n: f"agreement-{n}")
    term_years = 10

    @factory.post_generation
    def parties(agreement, create, extracted, **kwargs):
        if not create:
            return
        recipient, partner = extracted or (PartyFactory(), PartyFactory())
        AgreementParty.objects.create(agreement=agreement, party=recipient, role=PartyRole.RECIPIENT)
        AgreementParty.objects.create(agreement=agreement, party=partner, role=PartyRole.PARTNER)


class AgreementPartyFactory(DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    party = factory.SubFactory(PartyFactory)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    agreement = factory.SubFactory(AgreementFactory)
    kind = MilestoneKind.SIGNED
    date = datetime.date(2024, 3, 1)
    date_precision = "day"


class SignatoryFactory(DjangoModelFactory):
    class Meta:
        model = Signatory

    agreement = factory.SubFactory(AgreementFactory)
    person = factory.SubFactory(PersonFactory)
    party = factory.SubFactory(PartyFactory)
    title = "Prime Minister"


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = ProgrammeKind.COALITION


class ProgrammeMembershipFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeMembership

    programme = factory.SubFactory(ProgrammeFactory)
    party = factory.SubFactory(PartyFactory)


class PledgeFactory(DjangoModelFactory):
    class Meta:
        model = Pledge

    donor = factory.SubFactory(PartyFactory)
    recipient = factory.SubFactory(PartyFactory)
    purpose = factory.Sequence(lambda n: f"purpose {n}")
    amount = Decimal("1000000")
    currency = "EUR"
    announced_on = datetime.date(2024, 1, 1)
    announced_precision = "month"


class ExchangeRateFactory(DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    year = 2024
    currency = "NOK"
    units_per_eur = Decimal("11.6290")
    business_days = 256
    source = factory.SubFactory(SourceFactory, kind="dataset")


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    quote = factory.Sequence(lambda n: f"Sentence {n}.")
    pledge = factory.SubFactory(PledgeFactory)


class DisputeFactory(DjangoModelFactory):
    class Meta:
        model = Dispute

    topic = factory.Sequence(lambda n: f"Question {n}")
    agreement = factory.SubFactory(AgreementFactory)


class ClaimFactory(DjangoModelFactory):
    class Meta:
        model = Claim

    dispute = factory.SubFactory(DisputeFactory)
    statement = factory.Sequence(lambda n: f"Answer {n}")


class ProvisionFactory(DjangoModelFactory):
    class Meta:
        model = Provision

    slug = factory.Sequence(lambda n: f"provision-{n}")
    name = factory.Sequence(lambda n: f"Provision {n}")
    question = "Does the text say so?"
    value_type = "yes_no"


class AgreementProvisionFactory(DjangoModelFactory):
    class Meta:
        model = AgreementProvision

    agreement = factory.SubFactory(AgreementFactory)
    provision = factory.SubFactory(ProvisionFactory)
    answer = "yes"
    passage = factory.Sequence(lambda n: f"Sentence {n}.")


class GdpFigureFactory(DjangoModelFactory):
    class Meta:
        model = GdpFigure
        django_get_or_create = ("country_code", "year")

    country_code = "NL"
    country_name = "Netherlands"
    year = 2021
    usd = Decimal("1000000000000")
    usd_per_eur = Decimal("1.1827")
    rate_year = 2021
    eur = factory.LazyAttribute(lambda gdp: (gdp.usd / gdp.usd_per_eur).quantize(Decimal(1)))
    source = factory.SubFactory(SourceFactory, kind="dataset")
    rate_source = factory.SubFactory(SourceFactory, kind="dataset")
