import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import OperationalError
from django.urls import reverse

from agreements.models import Agreement, AgreementStatus
from core.permissions import EDITORS_GROUP
from pledges.models import Pledge
from tests.admin_forms import add_inline_row, change_form_data
from tests.factories import AgreementFactory, ExchangeRateFactory, PartyFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def agreement_url(agreement, action="change"):
    return reverse(f"admin:agreements_agreement_{action}", args=[agreement.pk])


def test_editors_group_may_view_add_change_but_never_delete():
    codenames = set(Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True))
    assert {
        "add_pledge",
        "change_pledge",
        "view_pledge",
        "change_agreement",
        "add_citation",
    } <= codenames
    assert not {c for c in codenames if c.startswith("delete_")}
    all_delete = Permission.objects.filter(codename__startswith="delete_", content_type__app_label="pledges")
    assert all_delete.exists()


def test_editor_adds_a_pledge_through_the_agreement_inline(client, editor):
    ExchangeRateFactory(year=2024, currency="NOK", units_per_eur=Decimal("11.6290"))
    agreement = AgreementFactory()
    donor = agreement.party_roles.get(role="partner").party
    recipient = agreement.party_roles.get(role="recipient").party
    programme = ProgrammeFactory()
    data = change_form_data(client.get(agreement_url(agreement)))
    add_inline_row(
        data,
        "pledges",
        donor=donor,
        recipient=recipient,
        programme=programme,
        category="military",
        purpose="air defence",
        status="announced",
        amount_qualifier="at_least",
        amount="13500000000",
        currency="NOK",
        announced_on="2024-05-31",
        announced_precision="day",
    )
    response = client.post(agreement_url(agreement), data)
    assert response.status_code == 302, response.context and response.context["errors"]

    pledge = Pledge.objects.get(agreement=agreement)
    assert (pledge.donor, pledge.programme, pledge.amount) == (
        donor,
        programme,
        Decimal("13500000000"),
    )
    assert pledge.eur_rate == Decimal("11.629") and pledge.eur_rate_year == 2024
    assert pledge.amount_eur == (Decimal("13500000000") / Decimal("11.629")).quantize(Decimal("0.01"))


def test_inline_pledge_errors_are_shown_and_nothing_is_written(client, editor):
    agreement = AgreementFactory()
    data = change_form_data(client.get(agreement_url(agreement)))
    party = PartyFactory()
    add_inline_row(
        data,
        "pledges",
        donor=party,
        recipient=party,
        category="military",
        status="announced",
        amount_qualifier="exact",
        amount="-5",
        currency="EUR",
    )
    response = client.post(agreement_url(agreement), data)
    assert response.status_code == 200
    assert 'class="errornote"' in response.text
    assert "The donor and the recipient must differ." in response.text
    assert not Pledge.objects.exists()


def test_bilateral_agreement_form_requires_two_parties(client, editor):
    agreement = AgreementFactory()
    data = change_form_data(client.get(agreement_url(agreement)))
    add_inline_row(data, "party_roles", party=PartyFactory(), role="partner")
    response = client.post(agreement_url(agreement), data)
    assert response.status_code == 200
    assert "A bilateral agreement has exactly two parties; this one has 3." in response.text
    assert agreement.party_roles.count() == 2


def test_editor_cannot_delete(client, editor):
    agreement = AgreementFactory()
    assert client.get(agreement_url(agreement, "delete")).status_code == 403
    assert client.post(agreement_url(agreement, "delete"), {"post": "yes"}).status_code == 403
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_milestone_inline_updates_the_derived_status(client, editor):
    agreement = AgreementFactory()
    data = change_form_data(client.get(agreement_url(agreement)))
    add_inline_row(
        data,
        "milestones",
        kind="signed",
        date="2024-03-01",
        date_precision="day",
        place="Kharkiv",
        is_preferred="on",
    )
    assert client.post(agreement_url(agreement), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_on == datetime.date(2024, 3, 1)


def test_changes_are_recorded_with_author_and_can_be_reverted(client, editor):
    agreement = AgreementFactory(title="Original title")
    data = change_form_data(client.get(agreement_url(agreement)))
    data["title"] = "Edited title"
    assert client.post(agreement_url(agreement), data).status_code == 302

    latest = agreement.history.order_by("-history_date").first()
    assert latest.title == "Edited title"
    assert latest.history_user == editor
    history_page = client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk]))
    assert "Edited title" in history_page.text or "editor-1" in history_page.text

    original = agreement.history.get(title="Original title", history_type="+")
    revert_url = reverse(
        "admin:agreements_agreement_simple_history", args=[agreement.pk, original.history_id]
    )
    data = change_form_data(client.get(revert_url))
    assert client.post(revert_url, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Original title"
    assert agreement.history.count() == 3


def test_editors_may_enter_disputes_and_claims_added_after_the_group_was_made():
    codenames = set(Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True))
    assert {"add_dispute", "change_claim", "view_claim"} <= codenames
    assert "delete_claim" not in codenames


def test_an_admin_save_cut_off_midway_leaves_no_partial_rows(client, editor, monkeypatch):
    agreement = AgreementFactory()
    data = change_form_data(client.get(agreement_url(agreement)))
    add_inline_row(
        data, "milestones", kind="signed", date="2024-03-01", date_precision="day", is_preferred="on"
    )
    pledge = {"category": "military", "status": "announced", "amount_qualifier": "exact", "currency": "EUR"}
    add_inline_row(data, "pledges", donor=PartyFactory(), recipient=PartyFactory(), amount="5", **pledge)

    def connection_lost(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("pledges.admin.pledge_save", connection_lost)  # fails after the milestones are saved
    with pytest.raises(OperationalError):
        client.post(agreement_url(agreement), data)
    assert not agreement.milestones.exists()
    assert not Pledge.objects.exists()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PLANNED


@pytest.mark.parametrize("extra", [5, 60])
def test_citation_admin_pages_issue_an_exact_number_of_queries(
    admin_client, django_assert_num_queries, extra
):
    from sources.models import Citation
    from tests.factories import CitationFactory, MilestoneFactory, SourceFactory

    source = SourceFactory()
    for _ in range(extra):
        CitationFactory(source=source, pledge=None, milestone=MilestoneFactory(is_preferred=False))
    with django_assert_num_queries(7):
        assert admin_client.get("/admin/sources/citation/").status_code == 200
    # Two of them: the stale-edit guard's stored values, and the source's stored text.
    with django_assert_num_queries(8):
        assert admin_client.get(f"/admin/sources/source/{source.pk}/change/").status_code == 200
    assert Citation.objects.filter(source=source).count() == extra
