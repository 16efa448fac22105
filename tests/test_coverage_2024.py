"""The shipped data covers every bilateral security agreement Ukraine signed in 2024-25."""

import datetime

import pytest

from agreements.models import Agreement, AgreementKind, MilestoneKind, PartyRole
from agreements.services import milestone_save
from donors.models import Party
from pledges.models import Pledge
from sources.models import Claim, Dispute
from tests.factories import AgreementFactory, MilestoneFactory, PartyFactory

pytestmark = pytest.mark.usefixtures("seeded")

# The partners of the 29 agreements, United Kingdom (12 January 2024) to Albania (21 January 2025).
PARTNERS = {
    "united-kingdom", "germany", "france", "denmark", "canada", "italy", "netherlands", "finland", "latvia",
    "spain", "belgium", "portugal", "sweden", "norway", "iceland", "united-states", "japan", "european-union",
    "lithuania", "estonia", "poland", "luxembourg", "romania", "czechia", "slovenia", "ireland", "croatia",
    "greece", "albania",
}  # fmt: skip


def partner_agreements():
    """The security and long-term support agreements (later kinds of accord: test_coverage_later)."""
    return Agreement.objects.filter(
        is_bilateral=True,
        party_roles__party__slug="ukraine",
        signed_on__gte=datetime.date(2024, 1, 1),
        kind__in=(AgreementKind.SECURITY, AgreementKind.COOPERATION),
    )


def test_29_signed_agreements_with_29_distinct_partners():
    agreements = partner_agreements().prefetch_related("party_roles__party")
    partners = [r.party.slug for a in agreements for r in a.party_roles.all() if r.role == PartyRole.PARTNER]
    assert len(partners) == len(set(partners)) == 29
    assert set(partners) == PARTNERS
    first, last = agreements.order_by("signed_on").first(), agreements.order_by("signed_on").last()
    assert (first.signed_on, last.signed_on) == (datetime.date(2024, 1, 12), datetime.date(2025, 1, 21))


def test_each_has_a_signing_with_a_place_and_a_partner_signatory():
    for agreement in partner_agreements().prefetch_related("milestones", "signatories", "party_roles"):
        signing = [m for m in agreement.milestones.all() if m.kind == MilestoneKind.SIGNED and m.is_preferred]
        assert len(signing) == 1 and signing[0].place, agreement.slug
        partner = next(r.party_id for r in agreement.party_roles.all() if r.role == PartyRole.PARTNER)
        assert any(s.party_id == partner for s in agreement.signatories.all()), agreement.slug


@pytest.mark.parametrize("model", [Pledge, Agreement.milestones.rel.related_model])
def test_every_pledge_and_milestone_cites_a_source_with_a_url(model):
    without = model.objects.exclude(citations__source__url__gt="")
    assert not without.exists(), list(without)


def test_disputed_facts_keep_each_claim_with_its_source():
    us_articles = Dispute.objects.get(
        agreement__slug="ukraine-united-states-security-agreement", topic__icontains="article"
    )
    statements = {c.statement: c for c in us_articles.claims.all()}
    assert len(statements) >= 2
    preferred = [c for c in statements.values() if c.is_preferred]
    assert len(preferred) == 1 and preferred[0].reason
    assert all(c.citations.exists() for c in statements.values())
    assert not Claim.objects.filter(citations__isnull=True).exists()
    counts = Dispute.objects.filter(agreement__isnull=True, topic__startswith="How many agreements")
    assert counts.count() >= 5 and not counts.filter(claims__is_preferred=True).exists()


def test_agreements_page_lists_every_agreement_by_signing_date(client):
    page = client.get("/agreements/?sort=signed&per_page=50").context["page"]
    dates = [a.signed_on for a in page if a.signed_on]
    assert dates == sorted(dates)
    assert {a.slug for a in page} >= {a.slug for a in partner_agreements()}


def counts_on_the_pages(client) -> dict:
    overview = client.get("/").context  # rendered afresh: the data changed since the last one
    return {
        "overview": overview["agreement_count"],
        "signed": dict((v, n) for v, _, n in overview["status_counts"])["signed"],
        "by_year": sum(n for month, n in overview["signed_by_month"] if month.year == 2025),
        "list": client.get("/agreements/").context["page"].paginator.count,
        "party": client.get("/parties/ukraine/").context["agreements"].count(),
    }


def test_a_new_agreement_moves_every_count(client):
    before = counts_on_the_pages(client)
    ukraine = Party.objects.get(slug="ukraine")
    agreement = AgreementFactory(parties=(ukraine, PartyFactory(name="Testland", slug="testland")))
    milestone_save(milestone=MilestoneFactory.build(agreement=agreement, date=datetime.date(2025, 6, 1)))
    assert counts_on_the_pages(client) == {key: value + 1 for key, value in before.items()}
