"""Import details (issue 11, defect 7): an unchanged export re-imports as no change, the
formula guard is reversible, and bad files get messages in words on their columns."""

import pytest
import tablib
from django.db.models import CheckConstraint
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from agreements.models import Agreement, Milestone
from core.formula import BLANKS, guard, needs_guard, unguard
from donors.models import Party
from pledges.models import Pledge, Programme
from portal.datasets import TABLES_BY_NAME
from sources.imports import SourceResource
from sources.models import Source
from tests.imports.admin_import import csv_text, export, import_file, preview, rows_of
from tests.imports.test_confirm import HEADER, new_pledges

# Import order: what a row refers to comes first.
IMPORTS = [
    ("parties", Party),
    ("programmes", Programme),
    ("sources", Source),
    ("agreements", Agreement),
    ("milestones", Milestone),
    ("pledges", Pledge),
]
TRICKY = ["'=1+1", "=1+1", "'x", "''x", " =x", "\t=x", "＝x", "-x", "+x", "@x", "\u3000@x", "plain"]
# PostgreSQL text cannot hold NUL; lone surrogates are not text.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
FORMULA_CHARACTERS = "=+-@＝＋－＠"


def history_total():
    return sum(model.history.count() for _, model in IMPORTS)


@pytest.mark.usefixtures("seeded")
def test_reimporting_unchanged_exports_changes_nothing(editor_client):
    sources = list(Source.objects.order_by("pk")[: len(TRICKY)])
    for source, text in zip(sources, TRICKY, strict=True):
        Source.objects.filter(pk=source.pk).update(notes=text, title=f"{text} title")
    Pledge.objects.filter(pk=Pledge.objects.first().pk).update(notes="'=SUM(A1:A3)")
    files = {name: export(name) for name, _ in IMPORTS}
    history_before = history_total()

    for name, model in IMPORTS:
        page, done = import_file(editor_client, model, files[name])
        assert done is not None, (name, page.content.decode()[:2000])
        assert page.context["result"].totals["skip"] == len(rows_of(files[name])), name

    assert history_total() == history_before
    assert [Source.objects.get(pk=s.pk).notes for s in sources] == TRICKY
    assert {name: export(name) for name, _ in IMPORTS} == files


@given(TEXT)
def test_the_guard_is_reversible_and_leaves_no_formula(text):
    cell = guard(text)
    assert unguard(cell) == text
    assert not text or cell.startswith("'") or not needs_guard(cell)
    rest = cell[1:] if cell.startswith("'") else cell
    assert cell.startswith("'") or not rest.lstrip(BLANKS.replace("\u2000-\u200a", "")).startswith(
        tuple(FORMULA_CHARACTERS)
    )


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
@example(text="'=1+1")
@example(text="'x")
@example(text=" =1")
@example(text="\uff1d1")
def test_any_text_survives_export_then_import(text, source):
    """Stored text -> the real export (PostgreSQL applies the guard) -> the import's reading."""
    Source.objects.filter(pk=source.pk).update(notes=text)
    cell = export("sources", Source.objects.filter(pk=source.pk))
    dataset = tablib.Dataset().load(cell, format="csv")
    (row,) = dataset.dict
    assert row["notes"] == guard(text)  # SQL and Python apply the same rule
    assert SourceResource().fields["notes"].clean(row) == text


@pytest.fixture
def source(db):
    return Source.objects.create(title="t", kind="official", url="https://example.org/a")


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@x", "  =1", "\t=1", "\r=1", "＝1", "\u00a0+1", "'x"])
def test_formula_like_cells_are_guarded_in_the_export(text):
    source = Source.objects.first()
    Source.objects.filter(pk=source.pk).update(notes=text)
    (row,) = rows_of(export("sources", Source.objects.filter(pk=source.pk)))
    assert row["notes"] == "'" + text


@pytest.mark.usefixtures("seeded")
def test_duplicate_ids_within_a_file_are_refused(editor_client):
    rows = rows_of(export("pledges"))
    copy = {**rows[0], "purpose": "a second row with the same id"}
    before = export("pledges")

    page = preview(editor_client, Pledge, csv_text([*rows, copy], HEADER))

    text = page.content.decode()
    assert f"Row {len(rows) + 1}, pledge_id: &#x27;{rows[0]['pledge_id']}&#x27; is also on row 1" in text
    assert page.context.get("confirm_form") is None
    assert export("pledges") == before


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("name", "model"), IMPORTS, ids=[name for name, _ in IMPORTS])
def test_a_file_without_its_id_column_gets_a_message(editor_client, name, model):
    table = TABLES_BY_NAME[name]
    id_column = {"parties": "slug", "programmes": "slug", "agreements": "slug"}.get(name, table.header[0])
    header = [column for column in table.header if column != id_column]
    rows = [{k: v for k, v in row.items() if k != id_column} for row in rows_of(export(name))]

    page = preview(editor_client, model, csv_text(rows, header))

    text = page.content.decode()
    assert f"The file has no {id_column} column." in text
    assert "Traceback" not in text and ".py" not in text and "/work" not in text
    assert page.context.get("confirm_form") is None


# A row breaking each of the pledge's own rules (database check constraints), and the
# column the message must appear on.
BROKEN = [
    ({"amount": "-5"}, "amount"),
    ({"donor_slug": "ukraine"}, "donor_slug"),
    ({"quantity": "3"}, "quantity"),
    ({"period_start_year": "2025", "period_end_year": "2024"}, "period_end_year"),
    ({"amount": "", "currency": "", "basis": ""}, "amount"),
]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("change", "column"), BROKEN, ids=[column for _, column in BROKEN])
def test_constraint_errors_are_on_their_column_in_words(editor_client, change, column):
    rows = new_pledges(3)
    rows[1].update(change)
    page = preview(editor_client, Pledge, csv_text(rows, HEADER))

    (invalid,) = page.context["result"].invalid_rows
    assert invalid.number == 2
    assert column in invalid.error_dict, invalid.error_dict
    text = page.content.decode()
    names = [c.name for c in Pledge._meta.constraints if isinstance(c, CheckConstraint)]
    assert not [name for name in names if name in text]
    assert not Pledge.objects.filter(purpose__startswith="confirm test").exists()


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("column", ["donor_slug", "recipient_slug"])
def test_a_new_row_without_a_required_party_is_refused_on_that_column(editor_client, column):
    header = [name for name in HEADER if name != column]
    rows = [{k: v for k, v in row.items() if k != column} for row in new_pledges(2)]

    page = preview(editor_client, Pledge, csv_text(rows, header))

    result = page.context["result"]
    assert [row.error_dict for row in result.invalid_rows] == [{column: ["This field cannot be blank."]}] * 2
    assert "violates" not in page.content.decode()


# Hostile cells: each gets a message in the page and changes nothing (never a 500).
HOSTILE = [
    ({"pledge_id": "99999999999999999999"}, "is not an id"),
    ({"pledge_id": "-3"}, "is not an id"),
    ({"purpose": "nul \x00 inside"}, "'purpose': ['Text cannot contain the NUL character.']"),
    ({"part_of_id": "99999999999999999999"}, "'part_of_id': ['No pledge 99999999999999999999.']"),
    ({"amount": "1e400"}, "'amount'"),
    ({"eur_rate": "1e-400", "pledge_id": "", "amount": "5"}, "'eur_rate'"),
    ({"quantity": "99999999999"}, "'quantity'"),
    ({"announced_on": "2024-02-30"}, "'announced_on'"),
    ({"purpose": "x" * 5000}, "'purpose'"),
]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("change", "expected"), HOSTILE, ids=[str(i) for i in range(len(HOSTILE))])
def test_hostile_cells_get_a_message_and_change_nothing(editor_client, change, expected):
    rows = new_pledges(2)
    rows[1].update(change)

    page = preview(editor_client, Pledge, csv_text(rows, HEADER))

    result = page.context["result"]
    if result.invalid_rows:  # a row's error: on the column the cell is in
        (invalid,) = result.invalid_rows
        assert invalid.number == 2 and expected in str(invalid.error_dict), invalid.error_dict
    else:  # the file's: refused whole, in words
        assert expected in page.content.decode().replace("&#x27;", "'")
    assert page.context.get("confirm_form") is None
    assert not Pledge.objects.filter(purpose__startswith="confirm test").exists()
