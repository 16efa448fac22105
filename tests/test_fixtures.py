"""The shipped data/ files load and hold the facts of the seed articles, each with its source."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from agreements.models import Agreement, AgreementStatus, Milestone, MilestoneKind, Signatory
from donors.models import Membership, Office, Person
from pledges.models import Pledge, Programme, ProgrammeMembership
from pledges.services import convert_to_eur
from sources.models import Citation

pytestmark = pytest.mark.usefixtures("seeded")
D = datetime.date


def test_netherlands_agreement_runs_ten_years_and_was_signed_in_kharkiv():
    agreement = Agreement.objects.get(slug="ukraine-netherlands-security-agreement")
    assert agreement.term_years == 10
    assert agreement.status == AgreementStatus.IN_FORCE  # the text takes effect on signature
    assert agreement.framework.slug == "g7-joint-declaration-of-support-for-ukraine"
    signing = agreement.milestones.get(kind=MilestoneKind.SIGNED, is_preferred=True)
    assert (signing.date, signing.date_precision) == (D(2024, 3, 1), "day")
    assert "Kharkiv" in signing.place
    assert agreement.signed_on == D(2024, 3, 1)


def test_netherlands_signing_date_keeps_both_claims_with_their_sources():
    claims = Milestone.objects.filter(
        agreement__slug="ukraine-netherlands-security-agreement", kind=MilestoneKind.SIGNED
    )
    by_date = {m.date: m for m in claims}
    assert set(by_date) == {D(2024, 3, 1), D(2024, 3, 2)}
    dateline_claim = by_date[D(2024, 3, 2)]
    assert not dateline_claim.is_preferred and "dateline" in dateline_claim.note
    publishers = set(dateline_claim.citations.values_list("source__publisher", flat=True))
    assert publishers == {"The Diplomatic Insight"}
    assert by_date[D(2024, 3, 1)].citations.exclude(source__publisher="The Diplomatic Insight").exists()


def test_netherlands_signatories_with_their_offices_on_the_day():
    signatories = Signatory.objects.filter(agreement__slug="ukraine-netherlands-security-agreement")
    by_name = {s.person.name: s for s in signatories}
    assert set(by_name) == {"Volodymyr Zelensky", "Mark Rutte"}
    rutte = by_name["Mark Rutte"]
    assert rutte.title == "Prime Minister of the Netherlands"
    assert rutte.office.ended_on == D(2024, 7, 2)
    assert rutte.person.office_on(D(2024, 3, 1)) == rutte.office


def test_rutte_later_holds_office_as_nato_secretary_general():
    rutte = Person.objects.get(name="Mark Rutte")
    nato = rutte.office_on(D(2024, 10, 3))
    assert (nato.title, nato.party.name, nato.started_on) == ("Secretary General", "NATO", D(2024, 10, 1))


def test_nansen_programme_is_nok_154_5_billion_over_2023_to_2030_after_its_extension():
    nansen = Programme.objects.get(slug="nansen-support-programme")
    assert (nansen.budget_amount, nansen.budget_currency) == (Decimal("154500000000"), "NOK")
    assert (nansen.start_year, nansen.end_year) == (2023, 2030)
    assert nansen.memberships.get(role="lead").party.name == "Norway"
    pledge = nansen.pledges.get(
        amount=Decimal("75000000000")
    )  # the framework of 2023, inside the extended one
    assert (pledge.amount, pledge.currency, pledge.period_start_year, pledge.period_end_year) == (
        Decimal("75000000000"),
        "NOK",
        2023,
        2027,
    )
    assert pledge.part_of.amount == Decimal("154500000000")


def test_norway_concluded_in_kyiv_then_signed_and_luxembourg_talks_before_signing():
    norway = Agreement.objects.get(slug="ukraine-norway-security-agreement")
    concluded = norway.milestones.get(kind=MilestoneKind.CONCLUDED)
    assert (concluded.date, "Kyiv" in concluded.place) == (D(2024, 4, 15), True)
    signed = norway.milestones.get(kind=MilestoneKind.SIGNED, is_preferred=True)
    assert (signed.date, "Stockholm" in signed.place) == (D(2024, 5, 31), True)
    luxembourg = Agreement.objects.get(slug="ukraine-luxembourg-security-agreement")
    talks = luxembourg.milestones.get(kind=MilestoneKind.TALKS_STARTED)
    assert talks.date == D(2024, 5, 14) < luxembourg.signed_on


def test_pledges_from_the_january_article():
    denmark = Pledge.objects.get(donor__name="Denmark", programme__slug="it-coalition")
    assert (denmark.amount, denmark.amount_qualifier, denmark.programme.slug) == (
        Decimal("12000000"),
        "more_than",
        "it-coalition",
    )
    dutch = {p.amount: p for p in Pledge.objects.filter(donor__name="Netherlands", amount__isnull=False)}
    assert {Decimal("2000000000"), Decimal("87000000"), Decimal("25000000"), Decimal("10000000")} <= set(
        dutch
    )
    assert dutch[Decimal("25000000")].programme.slug == "international-fund-for-ukraine"
    jets = Pledge.objects.get(quantity=24)
    assert "F-16" in jets.item and jets.programme.slug == "fighter-jet-coalition"


def test_it_coalition_co_chaired_by_luxembourg():
    membership = ProgrammeMembership.objects.get(programme__slug="it-coalition", party__name="Luxembourg")
    assert membership.role == "co_lead"


def test_norway_military_aid_is_a_share_of_its_2023_total_and_counted_once():
    share = Pledge.objects.get(donor__name="Norway", amount=Decimal("11000000000"))
    assert share.part_of.amount == Decimal("19900000000")
    top_level_norway = Pledge.objects.filter(donor__name="Norway", part_of__isnull=True)
    assert share not in top_level_norway


def test_stored_status_is_the_status_as_of_today():
    assert list(Agreement.objects.status_outdated(on=timezone.localdate())) == []


def test_stored_eur_amounts_reproduce_from_the_rate_table():
    """Each yearly part at its own year's rate, the pledge the sum of its parts (README)."""
    for pledge in Pledge.objects.filter(amount__isnull=False).prefetch_related("years"):
        parts = list(pledge.years.all())
        if not parts:  # euros with no year at all
            assert pledge.amount_eur == pledge.amount, pledge
        for part in parts:
            conversion = convert_to_eur(part.amount, pledge.currency, part.year)
            assert (part.amount_eur, part.eur_rate) == (conversion.amount_eur, conversion.rate), pledge
        assert pledge.amount_eur == (sum(p.amount_eur for p in parts) if parts else pledge.amount), pledge


@pytest.mark.parametrize(
    "model", [Agreement, Milestone, Signatory, Pledge, Programme, ProgrammeMembership, Office, Membership]
)
def test_every_fact_cites_a_source(model):
    uncited = model.objects.filter(citations__isnull=True)
    assert not uncited.exists(), list(uncited)


def test_news_citations_quote_their_sentence():
    unquoted = Citation.objects.filter(source__kind="news", quote="")
    assert not unquoted.exists(), list(unquoted)


def test_every_fixture_row_has_a_first_history_revision():
    for model in [Agreement, Milestone, Pledge, Programme, Citation]:
        assert not model.objects.exclude(pk__in=model.history.values("id")).exists(), model


def test_seeding_again_changes_nothing():
    before = (Agreement.objects.count(), Pledge.objects.count(), Citation.objects.count())
    call_command("seed", verbosity=0)
    call_command("seed", "--force", verbosity=0)
    assert (Agreement.objects.count(), Pledge.objects.count(), Citation.objects.count()) == before
