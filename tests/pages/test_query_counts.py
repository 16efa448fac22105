"""Every page issues a bounded number of SQL queries, whatever the number of rows."""

import datetime
from decimal import Decimal

import pytest

from agreements.models import MilestoneKind
from pledges.models import Pledge
from provisions.models import AgreementProvision, Provision
from sources.models import Source
from tests.factories import (
    AgreementFactory,
    CitationFactory,
    MilestoneFactory,
    OfficeFactory,
    PartyFactory,
    PledgeFactory,
    ProgrammeFactory,
    ProgrammeMembershipFactory,
    SignatoryFactory,
    SourceFactory,
)

# The most queries each page may issue, the same with 5 rows of everything as with 200.
# List pages count their filter form's choice lists (parties, areas, programmes); pages
# with cached totals count the data-version query (core/cache.py).
PAGES = {
    "/": 12,
    "/agreements/": 9,
    "/agreements/?party=recipient&sort=-signed": 12,
    "/agreements/agreement-0/": 19,  # 13, disputes, their claims and citations; provision cells, theirs
    "/timeline/": 6,
    "/parties/": 10,
    "/parties/recipient/": 11,
    "/pledges/": 13,
    "/pledges/?donor=recipient&currency=EUR&sort=-amount": 15,
    "/pledges/{pledge}/": 5,
    "/programmes/": 9,
    "/programmes/programme-0/": 12,
    "/sources/": 5,
    "/sources/{source}/": 4,
    "/search/?q=agreement": 11,
    "/data/": 2,
    "/disputes/": 6,
    "/provisions/": 14,  # the agreements list's 9, the catalogue, the cells, their citations and sources
    "/provisions/?show=termination&provision=termination:yes": 15,
    "/provisions/agreement-0/termination/": 7,
    "/provisions/compare/?a=agreement-0&a=agreement-1": 8,
}


def populate(rows: int):
    """`rows` agreements, each with milestones, a signatory, pledges and sources behind them."""
    recipient = PartyFactory(name="Recipient", slug="recipient")
    programme = ProgrammeFactory(name="Programme 0", slug="programme-0")
    termination = Provision.objects.create(
        slug="termination", name="Termination", question="Can it be terminated?", value_type="yes_no"
    )
    for i in range(rows):
        partner = PartyFactory()
        ProgrammeMembershipFactory(programme=programme, party=partner)
        agreement = AgreementFactory(slug=f"agreement-{i}", parties=(recipient, partner))
        source = SourceFactory()
        for kind in (MilestoneKind.TALKS_STARTED, MilestoneKind.SIGNED):
            milestone = MilestoneFactory(
                agreement=agreement, kind=kind, date=datetime.date(2024, 1, 1 + i % 28)
            )
            CitationFactory(source=source, pledge=None, milestone=milestone)
        office = OfficeFactory(party=partner)
        signatory = SignatoryFactory(agreement=agreement, person=office.person, party=partner, office=office)
        CitationFactory(source=source, pledge=None, signatory=signatory)
        for amount in (Decimal("1000000"), Decimal("2500000")):
            pledge = PledgeFactory(
                donor=partner,
                recipient=recipient,
                agreement=agreement,
                programme=programme,
                amount=amount,
                amount_eur=amount,
                eur_rate=1,
            )
            CitationFactory(source=source, pledge=pledge)
        CitationFactory(source=source, pledge=None, agreement=agreement)
        cell = AgreementProvision.objects.create(
            agreement=agreement, provision=termination, answer="yes", passage=f"It ends {i}."
        )
        CitationFactory(source=source, pledge=None, agreement_provision=cell, quote=f"It ends {i}.")


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 200])
def test_query_counts_do_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    populate(rows)
    ids = {
        "pledge": Pledge.objects.order_by("pk").first().pk,
        "source": Source.objects.order_by("pk").first().pk,
    }
    for template, most in PAGES.items():
        url = template.format(**ids)
        with django_assert_max_num_queries(most, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
