"""An import never deletes unless a user who may delete asks for it; deletions are listed,
recorded in history and restorable (issue 11, defect 1)."""

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.models import Agreement, AgreementParty
from donors.models import Membership, Party
from pledges.models import Programme, ProgrammeMembership
from portal.datasets import TABLES_BY_NAME
from sources.models import Citation
from tests.imports.admin_import import confirm, csv_text, export, import_file, messages_of, preview, rows_of

pytestmark = pytest.mark.usefixtures("seeded")


def emptied(name: str, columns: list[str], only=lambda row: True) -> str:
    """The table's export with the link columns emptied (in the rows `only` picks)."""
    rows = rows_of(export(name))
    for row in rows:
        if only(row):
            row.update(dict.fromkeys(columns, ""))
    return csv_text(rows, TABLES_BY_NAME[name].header)


def non_bilateral(row) -> bool:
    return row["is_bilateral"] == "false"


# Every import that carries links: the table, its model, the link columns emptied, the links.
LINKS = [
    ("programmes", Programme, ["member_roles"], lambda row: True, ProgrammeMembership),
    ("parties", Party, ["member_of_slugs"], lambda row: True, Membership),
    ("agreements", Agreement, ["party_roles", "area_slugs"], non_bilateral, AgreementParty),
]


def link_state():
    return (
        ProgrammeMembership.objects.count(),
        Membership.objects.count(),
        AgreementParty.objects.count(),
        Agreement.areas.through.objects.count(),
        Citation.objects.count(),
    )


def deletions_in_history():
    return sum(
        model.history.filter(history_type="-").count()
        for model in (ProgrammeMembership, Membership, AgreementParty, Citation)
    )


@pytest.mark.parametrize(("name", "model", "columns", "only", "link"), LINKS, ids=[x[0] for x in LINKS])
def test_emptied_link_cells_delete_nothing(editor_client, name, model, columns, only, link):
    assert link.objects.exists()
    before, history_before = link_state(), deletions_in_history()

    page, done = import_file(editor_client, model, emptied(name, columns, only))

    assert done is not None, page.content.decode()[:2000]
    assert "0 links deleted" in " ".join(messages_of(done))
    assert link_state() == before
    assert deletions_in_history() == history_before


def test_an_editor_is_not_offered_deletion_and_cannot_force_it(editor_client):
    page = editor_client.get("/admin/pledges/programme/import/")
    assert "delete_missing" not in page.context["form"].fields
    before = link_state()

    import_file(editor_client, Programme, emptied("programmes", ["member_roles"]), delete_missing="on")

    assert link_state() == before


@pytest.mark.parametrize(("name", "model", "columns", "only", "link"), LINKS, ids=[x[0] for x in LINKS])
def test_asked_deletions_are_listed_row_by_row_recorded_and_restorable(
    admin_client, name, model, columns, only, link
):
    text = emptied(name, columns, only)
    doomed = {
        "programmes": ProgrammeMembership.objects.all(),
        "parties": Membership.objects.all(),
        "agreements": AgreementParty.objects.filter(agreement__is_bilateral=False),
    }[name]
    doomed_ids = set(doomed.values_list("pk", flat=True))
    assert doomed_ids

    page = preview(admin_client, model, text)  # not asked: nothing to delete
    assert page.context["result"].summary.deletions == []
    page = preview(admin_client, model, text, delete_missing="on")
    listed = page.context["result"].summary.deletions
    assert sum(line.startswith("Row ") and link._meta.verbose_name in line for line in listed) == len(
        doomed_ids
    )
    for line in listed:
        assert escape(line) in page.content.decode()
    assert link.objects.filter(pk__in=doomed_ids).count() == len(doomed_ids)  # a preview changes nothing

    done = confirm(admin_client, model, page)

    assert f"{len(listed)} links deleted" in " ".join(messages_of(done))
    assert not link.objects.filter(pk__in=doomed_ids).exists()
    records = link.history.filter(history_type="-", id__in=doomed_ids)
    assert set(records.values_list("id", flat=True)) == doomed_ids
    for record in records:  # restorable from its history row
        record.instance.save()
    assert link.objects.filter(pk__in=doomed_ids).count() == len(doomed_ids)


def member_pairs():
    return set(ProgrammeMembership.objects.values_list("programme__slug", "party__slug"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_edit_of_member_roles_by_an_editor_deletes_no_membership(editor_client, data):
    """Generated files: each row keeps a random part of its members (maybe none) and
    some rows are left out; every membership there was is still there."""
    rows = rows_of(export("programmes"))
    kept_rows = [row for row in rows if data.draw(st.booleans())] or rows[:1]
    for row in kept_rows:
        pairs = [pair for pair in row["member_roles"].split("; ") if pair]
        row["member_roles"] = "; ".join(pair for pair in pairs if data.draw(st.booleans()))
    before = member_pairs()

    page, done = import_file(
        editor_client, Programme, csv_text(kept_rows, TABLES_BY_NAME["programmes"].header)
    )

    assert done is not None, page.content.decode()[:2000]
    assert member_pairs() == before
