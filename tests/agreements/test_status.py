import datetime

import pytest

from agreements.models import Agreement, AgreementStatus, Milestone, MilestoneKind
from agreements.services import derive_status, milestone_delete, milestone_save
from tests.factories import AgreementFactory, MilestoneFactory

D = datetime.date


def milestones(*kinds, preferred=True):
    return [Milestone(kind=kind, date=D(2024, 1, 1), is_preferred=preferred) for kind in kinds]


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
def test_derive_status(kinds, status):
    assert derive_status(milestones(*kinds)) == status


def test_claims_that_are_not_preferred_do_not_count():
    rows = milestones(MilestoneKind.TALKS_STARTED) + milestones(MilestoneKind.SIGNED, preferred=False)
    assert derive_status(rows) == AgreementStatus.NEGOTIATING


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_in_force_on_a_date():
    in_force = AgreementFactory()
    MilestoneFactory(agreement=in_force, kind=MilestoneKind.IN_FORCE, date=D(2024, 6, 13))
    ended = AgreementFactory()
    MilestoneFactory(agreement=ended, kind=MilestoneKind.IN_FORCE, date=D(2024, 1, 1))
    MilestoneFactory(agreement=ended, kind=MilestoneKind.TERMINATED, date=D(2024, 6, 1))
    AgreementFactory()  # never in force

    assert set(Agreement.objects.in_force(on=D(2024, 3, 1))) == {ended}
    assert set(Agreement.objects.in_force(on=D(2024, 7, 1))) == {in_force}
