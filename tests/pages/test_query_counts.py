"""Every page issues a bounded number of SQL queries, whatever the number of rows."""

import datetime
from decimal import Decimal

import pytest

from agreements.models import MilestoneKind
from pledges.models import Pledge
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

# The most queries each page may issue on its first view, the same with 5 rows of
# everything as with 200. List pages count their filter form's choice lists (parties,
# areas, programmes); pages with cached totals count the data-version query
# (core/cache.py), and every page kept whole (core/pages.py: lists and records) one more.
# The pledges list counts its rows once, for its totals and its pages alike.
PAGES = {
    "/": 12,
    "/agreements/": 10,
    "/agreements/?party=recipient&sort=-signed": 13,
    "/agreements/agreement-0/": 17,  # 13, plus disputes, their claims and the claims' citations
    "/timeline/": 7,
    "/parties/": 11,
    "/parties/recipient/": 12,
    "/pledges/": 12,
    "/pledges/?donor=recipient&currency=EUR&sort=-amount": 14,
    "/pledges/{pledge}/": 6,
    "/programmes/": 10,
    "/programmes/programme-0/": 13,
    "/sources/": 6,
    "/sources/{source}/": 5,
    "/search/?q=agreement": 11,
    "/data/": 2,
    "/disputes/": 6,
}


def populate(rows: int):
    """`rows` agreements, each with milestones, a signatory, pledges and sources behind them."""
    recipient = PartyFactory(name="Recipient", slug="recipient")
    programme = ProgrammeFactory(name="Programme 0", slug="programme-0")
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


# The overview keeps its own page (portal/views.py); search, data and disputes are not kept.
CACHED_PAGES = [url for url in PAGES if url not in ("/", "/search/?q=agreement", "/data/", "/disputes/")]


@pytest.mark.django_db
def test_repeat_views_cost_one_query(client, django_assert_max_num_queries):
    """A page seen before, with no write since, is served from the cache: the
    data-version query only (and the request's transaction around it, a savepoint in
    tests), however many rows the page reads the first time."""
    populate(5)
    ids = {
        "pledge": Pledge.objects.order_by("pk").first().pk,
        "source": Source.objects.order_by("pk").first().pk,
    }
    for template in CACHED_PAGES:
        url = template.format(**ids)
        first = client.get(url)
        with django_assert_max_num_queries(3, info=url):
            again = client.get(url)
        assert (again.status_code, again.content) == (first.status_code, first.content), url


@pytest.mark.django_db
def test_a_write_refreshes_a_kept_page(client):
    """The kept page is keyed by the data version: after a write the page shows it."""
    populate(2)
    assert b"Renamed partner" not in client.get("/pledges/").content
    party = Pledge.objects.order_by("pk").first().donor
    party.name = "Renamed partner"
    party.save()
    assert b"Renamed partner" in client.get("/pledges/").content
