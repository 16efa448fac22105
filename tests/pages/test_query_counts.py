"""Every page issues an exact number of SQL queries, the same whatever the number of rows.

The data hold every kind of row a page can show: disputes with cited claims (about an
agreement and about a pledge), disputed milestones, a share of a larger pledge, and a
citation of every kind of fact. Each page is counted twice: with an empty cache (the
first visitor after a write) and again (served from the cache where it caches).
"""

import datetime
from decimal import Decimal
from functools import partial

import pytest
from django.core.cache import cache

from agreements.models import MilestoneKind
from donors.models import PartyKind
from pledges.models import Pledge
from provisions.models import AgreementProvision, Provision
from sources.models import CITED_FACTS, Citation, Claim, Dispute, Source
from tests.factories import (
    AgreementFactory,
    CitationFactory,
    MembershipFactory,
    MilestoneFactory,
    OfficeFactory,
    PartyFactory,
    PledgeFactory,
    ProgrammeFactory,
    ProgrammeMembershipFactory,
    SignatoryFactory,
    SourceFactory,
)

# (queries with an empty cache, queries once cached). List pages count their filter
# form's choice lists (parties, areas, programmes); pages with cached figures count the
# data-version query (core/cache.py). Every list and record page is kept whole under the
# data version (core/pages.py), so once cached it costs the version read and the
# request's savepoint pair (3). The overview, compare, agreement and party pages each
# read the evidence of delivery in one query more (the partners with it; the
# commitments without it).
PAGES = {
    "/": (19, 3),
    "/compare/?party=partner-0&party=partner-1": (18, 3),
    "/agreements/": (10, 3),
    "/agreements/?party=recipient&sort=-signed": (12, 3),
    "/agreements/?status=signed&status_on=2024-06-01": (11, 3),
    "/agreements/agreement-0/": (30, 3),
    "/timeline/": (7, 3),
    "/parties/": (11, 3),
    "/parties/recipient/": (19, 3),
    "/parties/partner-0/": (21, 3),
    "/pledges/": (11, 3),
    "/pledges/?donor=recipient&currency=EUR&sort=-amount": (11, 3),
    "/pledges/{pledge}/": (9, 3),
    "/pledges/{share}/": (9, 3),
    "/programmes/": (10, 3),
    "/programmes/programme-0/": (13, 3),
    "/sources/": (6, 3),
    "/sources/{source}/": (5, 3),
    "/search/?q=agreement": (19, 3),  # each table: whether its matches pass the bound, then its hits
    "/data/": (3, 3),  # and the current release
    "/disputes/": (7, 7),
    "/provisions/": (14, 13),
    "/provisions/?show=termination&provision=termination:yes": (15, 14),
    "/provisions/agreement-0/termination/": (7, 7),
    "/provisions/compare/?a=agreement-0&a=agreement-1": (8, 8),
}


def cite_in(source, **fact):
    CitationFactory(source=source, **{"pledge": None, **fact})


def populate(rows: int):
    """`rows` agreements, each with every kind of row behind it, all cited by one source."""
    recipient = PartyFactory(name="Recipient", slug="recipient")
    organisation = PartyFactory(name="Organisation", slug="organisation", kind=PartyKind.ORGANISATION)
    programme = ProgrammeFactory(name="Programme 0", slug="programme-0")
    termination = Provision.objects.create(
        slug="termination", name="Termination", question="Can it be terminated?", value_type="yes_no"
    )
    for i in range(rows):
        source = SourceFactory()
        cite = partial(cite_in, source)
        partner = PartyFactory(name=f"Partner {i}", slug=f"partner-{i}")
        cite(party=partner)
        cite(membership=MembershipFactory(member=partner, organisation=organisation))
        cite(programme_membership=ProgrammeMembershipFactory(programme=programme, party=partner))
        agreement = AgreementFactory(slug=f"agreement-{i}", parties=(recipient, partner))
        cite(agreement=agreement)
        for kind in (MilestoneKind.TALKS_STARTED, MilestoneKind.SIGNED):
            day = datetime.date(2024, 1, 1 + i % 28)
            cite(milestone=MilestoneFactory(agreement=agreement, kind=kind, date=day))
        # Sources disagree on the signing date: a second claim, not preferred.
        other = MilestoneFactory(
            agreement=agreement, kind=MilestoneKind.SIGNED, date=datetime.date(2024, 2, 1), is_preferred=False
        )
        cite(milestone=other)
        office = OfficeFactory(party=partner)
        cite(office=office)
        signatory = SignatoryFactory(agreement=agreement, person=office.person, party=partner, office=office)
        cite(signatory=signatory)
        pledged = {"donor": partner, "recipient": recipient, "agreement": agreement, "programme": programme}
        larger = PledgeFactory(
            category="mixed", amount=Decimal(2500), amount_eur=Decimal(2500), eur_rate=1, **pledged
        )
        share = PledgeFactory(
            part_of=larger,
            category="military",
            amount=Decimal(1000),
            amount_eur=Decimal(1000),
            eur_rate=1,
            **pledged,
        )
        # Evidence that part of the larger pledge was delivered (pledges.delivery).
        delivered = PledgeFactory(
            fulfils=larger,
            status="delivered",
            amount=Decimal(500),
            amount_eur=Decimal(500),
            eur_rate=1,
            **pledged,
        )
        for pledge in (larger, share, delivered):
            cite(pledge=pledge)
        for subject in ({"agreement": agreement}, {"pledge": larger}):
            dispute = Dispute.objects.create(topic=f"Number of articles {i}", **subject)
            for n, preferred in ((10, True), (11, False)):
                claim = Claim.objects.create(
                    dispute=dispute, statement=f"{n} articles", is_preferred=preferred
                )
                cite(claim=claim)
        cell = AgreementProvision.objects.create(
            agreement=agreement, provision=termination, answer="yes", passage=f"It ends {i}."
        )
        cite(agreement_provision=cell, quote=f"It ends {i}.")
    cite(programme=programme)  # the last source backs the programme too


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 40])
def test_each_page_issues_an_exact_number_of_queries_whatever_the_rows(
    client, django_assert_num_queries, as_committed, rows
):
    populate(rows)
    as_committed()
    assert all(Citation.objects.filter(**{f"{name}__isnull": False}).exists() for name, _ in CITED_FACTS)
    ids = {
        "pledge": Pledge.objects.filter(part_of__isnull=True, fulfils__isnull=True).order_by("pk").first().pk,
        "share": Pledge.objects.filter(part_of__isnull=False).order_by("pk").first().pk,
        "source": Source.objects.order_by("pk").first().pk,
    }
    for template, (cold, warm) in PAGES.items():
        url = template.format(**ids)
        cache.clear()
        for state, exact in (("cold", cold), ("warm", warm)):
            with django_assert_num_queries(exact, info=f"{url} ({state} cache)"):
                response = client.get(url)
            assert response.status_code == 200, url


@pytest.mark.django_db
def test_a_write_refreshes_a_kept_page(client, as_committed):
    """The kept page is keyed by the data version: after a write commits the page shows it."""
    populate(2)
    as_committed()
    assert b"Renamed partner" not in client.get("/pledges/").content
    party = Pledge.objects.order_by("pk").first().donor
    party.name = "Renamed partner"
    party.save()
    as_committed()
    assert b"Renamed partner" in client.get("/pledges/").content
