"""Editors' bulk import: the export's CSV reads back, validates every row, writes all or nothing."""

import pytest
import tablib
from django.apps import apps
from django.db import connection

from agreements.imports import AgreementResource, MilestoneResource
from agreements.models import Agreement, Milestone
from donors.imports import PartyResource
from donors.models import Party
from pledges.imports import PledgeResource, ProgrammeResource
from pledges.models import Pledge
from pledges.services import convert_to_eur
from portal.datasets import TABLES_BY_NAME
from sources.imports import SourceResource
from sources.models import Source
from tests.imports.admin_import import csv_text, export, rows_of

# Import order: what a row refers to comes first.
IMPORTS = [
    ("parties", PartyResource),
    ("programmes", ProgrammeResource),
    ("sources", SourceResource),
    ("agreements", AgreementResource),
    ("milestones", MilestoneResource),
    ("pledges", PledgeResource),
]
# Columns an import does not write: derived from other tables, or times of writing.
DERIVED = {"source_urls", "source_ids", "updated_at", "status", "signed_on", "signed_precision", "amount_eur"}


def load(resource_class, text: str, *, dry_run=False):
    dataset = tablib.Dataset().load(text, format="csv")
    return resource_class().import_data(dataset, dry_run=dry_run)


def comparable(text: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in DERIVED} for row in rows_of(text)]


def empty_the_database():
    """Everything but the exchange rates and their source, as on a fresh install."""
    keep = {"pledges_exchangerate", "sources_source"}
    tables = [
        model._meta.db_table
        for label in ("agreements", "donors", "pledges", "sources")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.db_table not in keep and not model._meta.db_table.startswith(f"{label}_historical")
    ]
    with connection.cursor() as cursor:
        # TRUNCATE refuses tables with deferred checks still pending from the load: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        cursor.execute(
            "DELETE FROM sources_source WHERE id NOT IN (SELECT source_id FROM pledges_exchangerate)"
        )


@pytest.mark.usefixtures("seeded")
def test_export_then_empty_database_then_import_reproduces_the_data():
    before = {name: export(name) for name, _ in IMPORTS}
    agreements_before = {a.slug: (a.status, a.signed_on) for a in Agreement.objects.all()}
    eur_before = dict(Pledge.objects.values_list("pk", "amount_eur"))
    empty_the_database()
    assert not Agreement.objects.exists() and not Party.objects.exists()

    for name, resource_class in IMPORTS:
        result = load(resource_class, before[name])
        assert not result.has_errors() and not result.has_validation_errors(), (name, result.invalid_rows)

    for name, _ in IMPORTS:
        assert comparable(export(name)) == comparable(before[name]), name
    assert {a.slug: (a.status, a.signed_on) for a in Agreement.objects.all()} == agreements_before
    assert dict(Pledge.objects.values_list("pk", "amount_eur")) == eur_before


@pytest.mark.usefixtures("seeded")
def test_reimporting_the_same_files_changes_nothing():
    files = {name: export(name) for name, _ in IMPORTS}
    history_before = Pledge.history.count() + Agreement.history.count() + Party.history.count()
    for name, resource_class in IMPORTS:
        result = load(resource_class, files[name])
        assert result.totals["skip"] == result.total_rows, (name, result.totals)
    assert Pledge.history.count() + Agreement.history.count() + Party.history.count() == history_before


@pytest.mark.usefixtures("seeded")
def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column():
    header = TABLES_BY_NAME["pledges"].header
    rows = rows_of(export("pledges"))
    new = {"recipient_slug": "ukraine", "category": "military", "currency": "EUR", "status": "announced"}
    rows.append({**new, "donor_slug": "netherlands", "purpose": "new good row", "amount": "5"})
    rows.append(
        {**new, "donor_slug": "atlantis", "purpose": "bad row", "amount": "-5", "amount_qualifier": "exact"}
    )
    count_before = Pledge.objects.count()

    result = load(PledgeResource, csv_text(rows, header))

    assert result.has_validation_errors()
    assert Pledge.objects.count() == count_before
    assert not Pledge.objects.filter(purpose="new good row").exists()
    (bad,) = result.invalid_rows
    assert bad.number == len(rows)  # rows are numbered from 1 after the header: the last one
    assert bad.field_specific_errors["donor_slug"] == ["No party 'atlantis'."]


@pytest.mark.usefixtures("seeded")
def test_a_correction_is_one_edited_row_and_a_reimport_recorded_in_history():
    header = TABLES_BY_NAME["agreements"].header
    rows = rows_of(export("agreements"))
    row = next(r for r in rows if r["slug"] == "ukraine-netherlands-security-agreement")
    row["term_note"] = "Corrected: " + row["term_note"]

    result = load(AgreementResource, csv_text(rows, header))

    assert not result.has_validation_errors(), result.invalid_rows
    assert result.totals["update"] == 1 and result.totals["skip"] == len(rows) - 1
    changed = Agreement.objects.get(slug="ukraine-netherlands-security-agreement")
    assert changed.term_note.startswith("Corrected: ")
    assert changed.history.first().term_note == changed.term_note  # the change is in the history


@pytest.mark.usefixtures("seeded")
def test_formula_guard_apostrophes_are_removed_on_import():
    Source.objects.filter(pk=Source.objects.first().pk).update(notes="=1+1 is not a formula here")
    text = export("sources")
    assert "'=1+1" in text
    Source.objects.update(notes="")
    load(SourceResource, text)
    assert Source.objects.filter(notes="=1+1 is not a formula here").exists()


@pytest.mark.usefixtures("seeded")
def test_agreement_rows_check_the_two_parties_rule():
    text = export("agreements").replace("netherlands:partner; ukraine:recipient", "netherlands:partner")
    result = load(AgreementResource, text)
    (bad,) = result.invalid_rows
    assert "exactly two parties" in str(bad.field_specific_errors["party_roles"])
    assert Agreement.objects.get(slug="ukraine-netherlands-security-agreement").party_roles.count() == 2


@pytest.mark.usefixtures("seeded")
def test_milestone_import_derives_the_status_again():
    greece = Agreement.objects.get(slug="ukraine-greece-security-agreement")
    assert greece.status == "signed"
    row = {
        "agreement_slug": greece.slug,
        "kind": "ratified",
        "date": "2025-03-01",
        "date_precision": "month",
        "place": "Athens",
        "is_preferred": "true",
    }
    result = load(MilestoneResource, csv_text([row], TABLES_BY_NAME["milestones"].header))
    assert not result.has_validation_errors(), result.invalid_rows
    greece.refresh_from_db()
    assert greece.status == "ratified"
    assert Milestone.objects.filter(agreement=greece, kind="ratified").exists()


@pytest.mark.usefixtures("seeded")
def test_import_admin_preview_lists_errors_by_row_and_column(admin_client, tmp_path):
    header = ",".join(TABLES_BY_NAME["parties"].header)
    bad = "\r\n".join([header, ",new-state,New State,planet,zz,,,", ""])
    upload = tmp_path / "parties.csv"
    upload.write_text(bad)
    with upload.open("rb") as file:
        response = admin_client.post(
            "/admin/donors/party/import/", {"resource": 0, "format": 0, "import_file": file}
        )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Some rows failed to validate" in text
    assert "Value &#x27;planet&#x27; is not a valid choice." in text  # the kind column
    assert "An ISO code is two capital letters, e.g. NL." in text  # the iso_code column
    assert not Party.objects.filter(slug="new-state").exists()


@pytest.mark.usefixtures("seeded")
def test_imported_amounts_convert_as_the_service_does():
    """A row without a rate, and a stored pledge whose currency the file changes, are
    converted by pledges.services like a pledge saved in the admin."""
    header = TABLES_BY_NAME["pledges"].header
    rows = rows_of(export("pledges"))
    changed = next(row for row in rows if row["currency"] == "EUR" and row["announced_on"])
    changed["currency"] = "NOK"
    new = {**changed, "pledge_id": "", "purpose": "converted on import", "eur_rate": "", "eur_rate_year": ""}
    result = load(PledgeResource, csv_text([changed, new], header))
    assert not result.has_validation_errors(), result.invalid_rows
    for pledge in Pledge.objects.filter(pk=changed["pledge_id"]) | Pledge.objects.filter(
        purpose="converted on import"
    ):
        expected = convert_to_eur(pledge.amount, "NOK", pledge.reference_year)
        assert (pledge.amount_eur, pledge.eur_rate, pledge.eur_rate_year, pledge.eur_rate_source_id) == (
            expected.amount_eur,
            expected.rate,
            expected.year,
            expected.source_id,
        )
