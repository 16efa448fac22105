"""Two editors saving the same record: the second save is refused and shown what changed."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from core.admin_concurrency import StaleEditGuardMixin
from core.admin_input import AdminInputMixin
from core.permissions import EDITED_APPS, EDITORS_GROUP
from pledges.models import Pledge
from tests.admin_forms import change_form_data
from tests.factories import PledgeFactory

EDITABLE = [
    model_admin for model_admin in admin.site._registry.values() if model_admin.opts.app_label in EDITED_APPS
]


def editor_client(name) -> Client:
    user = User.objects.create_user(name, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client = Client()
    client.force_login(user)
    return client


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.django_db
def test_the_second_of_two_editors_saving_a_pledge_is_refused_and_no_change_is_lost():
    pledge = PledgeFactory(purpose="air defence", amount=Decimal("1000000"), notes="")
    first, second = editor_client("first-editor"), editor_client("second-editor")
    first_form = change_form_data(first.get(change_url(pledge)))
    second_form = change_form_data(second.get(change_url(pledge)))  # both opened the same pledge

    first_form["purpose"] = "air defence and artillery"
    assert first.post(change_url(pledge), first_form).status_code == 302
    second_form["notes"] = "checked against the ministry's release"
    refused = second.post(change_url(pledge), second_form)

    assert refused.status_code == 200
    text = refused.content.decode()
    assert "changed by someone else since you opened it" in text
    assert "purpose: air defence → air defence and artillery" in text
    assert reverse("admin:pledges_pledge_history", args=[pledge.pk]) in text
    pledge.refresh_from_db()
    assert (pledge.purpose, pledge.notes) == ("air defence and artillery", "")  # the first edit kept

    # Having seen the change, the second editor reopens the pledge and saves again.
    again = change_form_data(second.get(change_url(pledge)))
    again["notes"] = "checked against the ministry's release"
    assert second.post(change_url(pledge), again).status_code == 302
    pledge.refresh_from_db()
    assert (pledge.purpose, pledge.notes) == (
        "air defence and artillery",
        "checked against the ministry's release",
    )


@pytest.mark.django_db
def test_a_record_deleted_meanwhile_is_not_written_back():
    pledge = PledgeFactory()
    editor = editor_client("editor-a")
    form = change_form_data(editor.get(change_url(pledge)))
    Pledge.objects.filter(pk=pledge.pk).update(purpose="changed directly")
    form["amount"] = "5"
    assert "changed by someone else" in editor.post(change_url(pledge), form).content.decode()
    assert Pledge.objects.get(pk=pledge.pk).amount == Decimal("1000000")


def test_every_editable_admin_is_guarded():
    assert EDITABLE
    for model_admin in EDITABLE:
        assert isinstance(model_admin, StaleEditGuardMixin) and isinstance(model_admin, AdminInputMixin), (
            model_admin
        )


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("model_admin", EDITABLE, ids=lambda model_admin: model_admin.opts.label)
def test_every_admin_still_saves_an_unchanged_record_and_refuses_a_stale_one(model_admin):
    obj = model_admin.model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.skip(f"no {model_admin.opts.verbose_name} in the shipped data")
    editor = editor_client("editor-b")
    form = change_form_data(editor.get(change_url(obj)))
    assert editor.post(change_url(obj), form).status_code == 302
    stale = change_form_data(editor.get(change_url(obj)))
    stale["stored_state"] = stale["stored_state"].replace('"id": ', '"id": 1', 1)  # as if it had changed
    assert "changed by someone else" in editor.post(change_url(obj), stale).content.decode()
