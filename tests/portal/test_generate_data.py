"""The benchmark generator makes data that obeys the same rules as real data."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement
from pledges.models import ExchangeRate, Pledge
from pledges.services import convert_to_eur
from sources.models import Citation

pytestmark = pytest.mark.usefixtures("seeded")


def test_generated_rows_are_consistent(commit_checks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as on_commit:
        call_command(
            "generate_data", parties=5, people=7, agreements=30, pledges=400, sources=20, verbosity=0
        )
    assert on_commit  # the data version advances when the rows commit, though no save signal ran
    commit_checks()  # two parties per bilateral agreement, checked as at commit

    generated = Agreement.objects.filter(slug__startswith="generated-agreement-").prefetch_related(
        "milestones"
    )
    assert generated.count() == 30
    assert not generated.status_outdated(on=timezone.localdate())
    for agreement in generated:
        assert agreement.signed_on == agreement.milestones.get(kind="signed").date
        assert agreement.party_roles.count() == 2

    pledges = Pledge.objects.filter(purpose__startswith="generated purpose ")
    assert pledges.count() == 400
    for pledge in pledges[:50]:
        conversion = convert_to_eur(pledge.amount, pledge.currency, pledge.reference_year)
        assert (pledge.eur_rate, pledge.eur_rate_year, pledge.amount_eur) == (
            conversion.rate,
            pledge.announced_on.year,
            conversion.amount_eur,
        )
    assert Citation.objects.filter(pledge__in=pledges).count() == 400


def test_generated_pledges_convert_by_the_rule_of_the_service():
    """Where the year has no rate the nearest year's is used, and with no rate at all
    the pledge has no euro amount, as for pledge_save; never a rate of 1."""
    ExchangeRate.objects.filter(currency="USD").delete()
    ExchangeRate.objects.filter(currency="GBP", year=2023).delete()  # 2022 and 2024 as near: 2022
    call_command("generate_data", parties=5, people=3, agreements=4, pledges=400, sources=5, verbosity=0)

    cases = set()
    for pledge in Pledge.objects.filter(purpose__startswith="generated purpose "):
        conversion = convert_to_eur(pledge.amount, pledge.currency, pledge.reference_year)
        expected = (
            (conversion.amount_eur, conversion.rate, conversion.year, conversion.source_id)
            if conversion
            else (None, None, None, None)
        )
        assert (
            pledge.amount_eur,
            pledge.eur_rate,
            pledge.eur_rate_year,
            pledge.eur_rate_source_id,
        ) == expected
        cases.add(
            "no rate"
            if conversion is None
            else "nearest year"
            if conversion.year != pledge.reference_year
            else "own year"
        )
    assert cases == {"no rate", "nearest year", "own year"}


def test_same_seed_same_data():
    def snapshot():
        with transaction.atomic():
            call_command(
                "generate_data",
                parties=5,
                people=3,
                agreements=4,
                pledges=50,
                sources=5,
                seed=0.1,
                verbosity=0,
            )
            rows = list(
                Pledge.objects.filter(purpose__startswith="generated purpose ")
                .order_by("purpose")
                .values_list("purpose", "amount", "currency", "category")
            )
            transaction.set_rollback(True)
        return rows

    first = snapshot()
    assert len(first) == 50
    assert first == snapshot()


def test_refuses_to_generate_twice():
    call_command("generate_data", parties=3, people=1, agreements=1, pledges=1, sources=1, verbosity=0)
    with pytest.raises(CommandError, match="already present"):
        call_command("generate_data", parties=3, people=1, agreements=1, pledges=1, sources=1, verbosity=0)
