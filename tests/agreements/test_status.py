import datetime
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, AgreementStatus, Milestone, MilestoneKind
from agreements.services import milestone_delete, milestone_save
from tests.factories import AgreementFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def status_of(agreement, on):
    return Agreement.objects.with_status_on(on).values_list("status_then", flat=True).get(pk=agreement.pk)


@pytest.mark.parametrize(
    "kinds, status",
    [
        ([], AgreementStatus.PLANNED),
        ([MilestoneKind.TALKS_STARTED], AgreementStatus.NEGOTIATING),
        ([MilestoneKind.TALKS_STARTED, MilestoneKind.CONCLUDED], AgreementStatus.CONCLUDED),
        ([MilestoneKind.CONCLUDED, MilestoneKind.SIGNED], AgreementStatus.SIGNED),
        ([MilestoneKind.SIGNED, MilestoneKind.PUBLISHED], AgreementStatus.SIGNED),
        ([MilestoneKind.SIGNED, MilestoneKind.RATIFIED], AgreementStatus.RATIFIED),
        ([MilestoneKind.SIGNED, MilestoneKind.IN_FORCE], AgreementStatus.IN_FORCE),
        # A later stage wins whatever order the rows come in.
        ([MilestoneKind.IN_FORCE, MilestoneKind.TALKS_STARTED], AgreementStatus.IN_FORCE),
        ([MilestoneKind.IN_FORCE, MilestoneKind.TERMINATED], AgreementStatus.TERMINATED),
        ([MilestoneKind.IN_FORCE, MilestoneKind.EXPIRED], AgreementStatus.EXPIRED),
    ],
)
def test_status_from_milestones(kinds, status):
    agreement = AgreementFactory()
    for kind in kinds:
        milestone_save(milestone=Milestone(agreement=agreement, kind=kind, date=D(2024, 1, 1)))
    agreement.refresh_from_db()
    assert status_of(agreement, D(2024, 1, 1)) == agreement.status == status


def test_claims_that_are_not_preferred_do_not_count():
    agreement = AgreementFactory()
    MilestoneFactory(agreement=agreement, kind=MilestoneKind.TALKS_STARTED, date=D(2024, 1, 1))
    MilestoneFactory(agreement=agreement, kind=MilestoneKind.SIGNED, date=D(2024, 1, 1), is_preferred=False)
    assert status_of(agreement, D(2024, 2, 1)) == AgreementStatus.NEGOTIATING


def test_saving_milestones_stores_status_and_signing_date():
    agreement = AgreementFactory()
    assert agreement.status == AgreementStatus.PLANNED
    milestone_save(
        milestone=Milestone(agreement=agreement, kind=MilestoneKind.CONCLUDED, date=D(2024, 4, 15))
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == (AgreementStatus.CONCLUDED, None)

    signing = milestone_save(
        milestone=Milestone(
            agreement=agreement,
            kind=MilestoneKind.SIGNED,
            date=D(2024, 5, 20),
            date_precision="month",
        )
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert (agreement.signed_on, agreement.signed_precision) == (D(2024, 5, 1), "month")
    assert agreement.signed_display == "May 2024"

    milestone_delete(milestone=signing)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == (AgreementStatus.CONCLUDED, None)


def test_in_force_on_a_date():
    in_force = AgreementFactory()
    MilestoneFactory(agreement=in_force, kind=MilestoneKind.IN_FORCE, date=D(2024, 6, 13))
    ended = AgreementFactory()
    MilestoneFactory(agreement=ended, kind=MilestoneKind.IN_FORCE, date=D(2024, 1, 1))
    MilestoneFactory(agreement=ended, kind=MilestoneKind.TERMINATED, date=D(2024, 6, 1))
    AgreementFactory()  # never in force

    assert set(Agreement.objects.in_force(on=D(2024, 3, 1))) == {ended}
    assert set(Agreement.objects.in_force(on=D(2024, 7, 1))) == {in_force}


def signed_ahead(days: int):
    """An agreement concluded last year, with its signing planned `days` from today."""
    today = timezone.localdate()
    agreement = AgreementFactory()
    milestone_save(
        milestone=Milestone(
            agreement=agreement, kind=MilestoneKind.CONCLUDED, date=today.replace(year=today.year - 1)
        )
    )
    signing = today + datetime.timedelta(days=days)
    milestone_save(milestone=Milestone(agreement=agreement, kind=MilestoneKind.SIGNED, date=signing))
    agreement.refresh_from_db()
    return agreement, signing


def test_a_milestone_dated_ahead_does_not_change_todays_status():
    agreement, signing = signed_ahead(days=10)
    assert (agreement.status, agreement.signed_on) == (AgreementStatus.CONCLUDED, None)
    assert not Agreement.objects.signed().filter(pk=agreement.pk).exists()
    assert status_of(agreement, signing) == AgreementStatus.SIGNED


def test_the_daily_refresh_advances_the_status_when_the_day_arrives():
    agreement, signing = signed_ahead(days=10)
    out = io.StringIO()
    call_command(
        "refresh_statuses", "--today", (signing - datetime.timedelta(days=1)).isoformat(), stdout=out
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CONCLUDED
    assert "0 agreement(s) changed" in out.getvalue()

    call_command("refresh_statuses", "--today", signing.isoformat(), stdout=out)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == (AgreementStatus.SIGNED, signing)
    assert f"{agreement.slug}: signed" in out.getvalue()
    assert agreement.history.first().status == AgreementStatus.SIGNED  # a change like any other
    assert not Agreement.objects.status_outdated(on=signing).exists()


def test_the_refresh_refuses_a_bad_date_and_changes_nothing():
    agreement, _ = signed_ahead(days=10)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("refresh_statuses", "--today", "next tuesday")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CONCLUDED


def listed(client, query):
    return {row.slug for row in client.get(f"/agreements/?{query}").context["page"]}


def test_the_list_filters_by_status_as_of_a_date(client):
    agreement, signing = signed_ahead(days=10)
    before = (signing - datetime.timedelta(days=1)).isoformat()
    assert agreement.slug in listed(client, "status=concluded")
    assert agreement.slug not in listed(client, "status=signed")
    assert agreement.slug in listed(client, f"status=signed&status_on={signing.isoformat()}")
    assert agreement.slug not in listed(client, f"status=signed&status_on={before}")
    assert agreement.slug in listed(client, f"status=concluded&status_on={before}")
    assert client.get("/agreements/?status=signed&status_on=soon").status_code == 400


def generate_timelines(rng, count=12):
    """Agreements with random milestones (some not preferred) over 2023-2025."""
    agreements = []
    for _ in range(count):
        agreement = AgreementFactory()
        for kind in rng.sample(list(MilestoneKind.values), rng.randrange(0, 5)):
            day = D(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1000))
            MilestoneFactory(agreement=agreement, kind=kind, date=day, is_preferred=rng.random() < 0.8)
        agreements.append(agreement)
    return agreements


@pytest.mark.parametrize("seed", range(3))
def test_every_use_of_the_status_on_a_date_agrees_and_ignores_later_milestones(client, seed):
    rng = random.Random(seed)
    generate_timelines(rng)
    for on in sorted(D(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1000)) for _ in range(4)):
        day = on.isoformat()
        then = dict(Agreement.objects.with_status_on(on).values_list("slug", "status_then"))
        call_command("refresh_statuses", "--today", day, stdout=io.StringIO())
        assert dict(Agreement.objects.values_list("slug", "status")) == then  # the stored field
        in_force = {a.slug for a in Agreement.objects.in_force(on=on)}
        assert in_force == {slug for slug, status in then.items() if status == AgreementStatus.IN_FORCE}
        for status in AgreementStatus.values:
            expected = {slug for slug, s in then.items() if s == status}
            assert listed(client, f"status={status}&status_on={day}&per_page=100") == expected
            assert listed(client, f"status={status}&per_page=100") == expected
        # Milestones dated after `on` change nothing about the status on `on`.
        with transaction.atomic():
            Milestone.objects.filter(date__gt=on).delete()
            assert dict(Agreement.objects.with_status_on(on).values_list("slug", "status_then")) == then
            transaction.set_rollback(True)
