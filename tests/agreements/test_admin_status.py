"""Every admin path that writes a milestone goes through the service, so the agreement's
stored status and signing date always follow its milestones."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import AgreementStatus, Milestone, MilestoneKind
from agreements.services import milestone_save
from tests.admin_forms import add_inline_row, change_form_data
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_agreement():
    agreement = AgreementFactory()
    for kind, day in [(MilestoneKind.TALKS_STARTED, 1), (MilestoneKind.SIGNED, 20)]:
        milestone_save(milestone=Milestone(agreement=agreement, kind=kind, date=datetime.date(2024, 3, day)))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    return agreement


def inline_index(data, milestone) -> int:
    """The row of the agreement page's milestone inline that holds `milestone`."""
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.startswith("milestones-") and key.endswith("-id") and value == milestone.pk
    )


def stored(agreement):
    agreement.refresh_from_db()
    return agreement.status, agreement.signed_on


def test_editing_a_milestone_in_the_agreement_inline_re_derives_the_status(admin_client, signed_agreement):
    url = reverse("admin:agreements_agreement_change", args=[signed_agreement.pk])
    data = change_form_data(admin_client.get(url))
    signing = signed_agreement.milestones.get(kind=MilestoneKind.SIGNED)
    data[f"milestones-{inline_index(data, signing)}-kind"] = MilestoneKind.IN_FORCE
    add_inline_row(
        data, "milestones", kind="signed", date="2024-03-10", date_precision="day", is_preferred="on"
    )
    assert admin_client.post(url, data).status_code == 302
    assert stored(signed_agreement) == (AgreementStatus.IN_FORCE, datetime.date(2024, 3, 10))


def test_deleting_a_milestone_in_the_agreement_inline_re_derives_the_status(admin_client, signed_agreement):
    url = reverse("admin:agreements_agreement_change", args=[signed_agreement.pk])
    data = change_form_data(admin_client.get(url))
    signing = signed_agreement.milestones.get(kind=MilestoneKind.SIGNED)
    data[f"milestones-{inline_index(data, signing)}-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302
    assert stored(signed_agreement) == (AgreementStatus.NEGOTIATING, None)


def test_the_milestone_admin_save_re_derives_the_status(admin_client, signed_agreement):
    signing = signed_agreement.milestones.get(kind=MilestoneKind.SIGNED)
    url = reverse("admin:agreements_milestone_change", args=[signing.pk])
    data = change_form_data(admin_client.get(url))
    del data["is_preferred"]  # unticked: a contested claim no longer drives the status
    assert admin_client.post(url, data).status_code == 302
    assert stored(signed_agreement) == (AgreementStatus.NEGOTIATING, None)


def test_the_milestone_admin_deletes_re_derive_the_status(admin_client, signed_agreement):
    talks, signing = signed_agreement.milestones.order_by("date")
    url = reverse("admin:agreements_milestone_delete", args=[signing.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert stored(signed_agreement) == (AgreementStatus.NEGOTIATING, None)

    changelist = reverse("admin:agreements_milestone_changelist")
    action = {"action": "delete_selected", "_selected_action": [talks.pk], "post": "yes"}
    assert admin_client.post(changelist, action).status_code == 302
    assert not signed_agreement.milestones.exists()
    assert stored(signed_agreement) == (AgreementStatus.PLANNED, None)


def test_a_second_preferred_claim_in_the_agreement_inline_is_an_error_on_the_page(
    admin_client, signed_agreement
):
    """The rule "one preferred claim per milestone" spans the parent agreement, which the
    inline's own form does not validate: the formset checks it, so the editor gets a
    message instead of a server error, and nothing is saved."""
    url = reverse("admin:agreements_agreement_change", args=[signed_agreement.pk])
    data = change_form_data(admin_client.get(url))
    add_inline_row(
        data, "milestones", kind="signed", date="2024-03-22", date_precision="day", is_preferred="on"
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Only one claim of this milestone can be preferred" in response.text
    assert signed_agreement.milestones.count() == 2
