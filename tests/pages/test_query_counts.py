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
# data-version query (core/cache.py).
PAGES = {
    "/": (13, 3),
    "/agreements/": (9, 8),
    "/agreements/?party=recipient&sort=-signed": (10, 9),
    "/agreements/?status=signed&status_on=2024-06-01": (9, 8),
    "/agreements/agreement-0/": (17, 17),
    "/timeline/": (6, 5),
    "/parties/": (10, 7),
    "/parties/recipient/": (12, 12),
    "/parties/partner-0/": (12, 12),
    "/pledges/": (12, 8),
    "/pledges/?donor=recipient&currency=EUR&sort=-amount": (12, 8),
    "/pledges/{pledge}/": (6, 6),
    "/pledges/{share}/": (6, 6),
    "/programmes/": (9, 7),
    "/programmes/programme-0/": (12, 9),
    "/sources/": (5, 4),
    "/sources/{source}/": (4, 4),
    "/search/?q=agreement": (11, 3),
    "/data/": (2, 2),
    "/disputes/": (7, 7),
}


def cite_in(source, **fact):
    CitationFactory(source=source, **{"pledge": None, **fact})


def populate(rows: int):
    """`rows` agreements, each with every kind of row behind it, all cited by one source."""
    recipient = PartyFactory(name="Recipient", slug="recipient")
    organisation = PartyFactory(name="Organisation", slug="organisation", kind=PartyKind.ORGANISATION)
    programme = ProgrammeFactory(name="Programme 0", slug="programme-0")
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
        for pledge in (larger, share):
            cite(pledge=pledge)
        for subject in ({"agreement": agreement}, {"pledge": larger}):
            dispute = Dispute.objects.create(topic=f"Number of articles {i}", **subject)
            for n, preferred in ((10, True), (11, False)):
                claim = Claim.objects.create(
                    dispute=dispute, statement=f"{n} articles", is_preferred=preferred
                )
                cite(claim=claim)
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
        "pledge": Pledge.objects.filter(part_of__isnull=True).order_by("pk").first().pk,
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
