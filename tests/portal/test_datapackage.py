"""The exported dataset validates against its datapackage.json with the frictionless
package: types, required cells, enums, unique and primary keys, and every foreign key."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from frictionless import Package, validate

from core.datapackage import column_field
from portal.datasets import TABLES
from tests.exports.test_dataset import cite_every_kind_of_fact

pytestmark = pytest.mark.usefixtures("seeded")


def exported(tmp_path):
    call_command("export_data", tmp_path, verbosity=0)
    return tmp_path / "datapackage.json"


def errors_of(report) -> list:
    return report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_the_exported_dataset_validates_against_its_package(tmp_path):
    cite_every_kind_of_fact()  # a row in every table, beside the shipped ones
    report = validate(exported(tmp_path))
    assert report.valid, errors_of(report)[:20]


def test_every_table_and_column_is_described_with_its_key(tmp_path):
    package = json.loads(exported(tmp_path).read_text())
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) >= {table.name for table in TABLES}
    for table in TABLES:
        schema = resources[table.name]["schema"]
        assert [field["name"] for field in schema["fields"]] == table.header
        (key,) = schema["primaryKey"]
        assert key.endswith("_id")
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_every_enum_is_the_model_fields_choices(tmp_path):
    package = Package(exported(tmp_path))
    enums = 0
    for table in TABLES:
        schema = package.get_resource(table.name).schema
        for column in table.columns:
            field = column_field(table, column)
            if field is not None and field.choices and not column.is_multi_valued:
                expected = [value for value, _ in field.flatchoices if value != ""]
                assert schema.get_field(column.name).constraints["enum"] == expected, column.name
                enums += 1
    assert enums >= 10


def test_every_id_and_slug_column_pointing_to_another_table_is_a_foreign_key(tmp_path):
    package = json.loads(exported(tmp_path).read_text())
    names = {table.name for table in TABLES}
    for resource in package["resources"]:
        keyed = {key["fields"][0] for key in resource["schema"].get("foreignKeys", [])}
        for key in resource["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in names
        pointing = {
            field["name"]
            for field in resource["schema"]["fields"]
            if field["type"] != "list"
            and field["name"].endswith(("_id", "_slug"))
            and field["name"] not in resource["schema"]["primaryKey"]
            and field["name"] != "fact_id"  # names a row of the table fact_type names
        }
        assert pointing <= keyed, (resource["name"], pointing - keyed)


@pytest.mark.parametrize(
    "table, column, bad_value, error",
    [
        ("pledges", "category", "bribes", "constraint-error"),  # outside the enum
        ("pledges", "donor_slug", "atlantis", "foreign-key"),  # no such party
        ("milestones", "agreement_id", "999999", "foreign-key"),
        ("agreements", "is_bilateral", "yes", "type-error"),
    ],
)
def test_a_broken_file_fails_validation(tmp_path, table, column, bad_value, error):
    path = exported(tmp_path)
    csv_path = tmp_path / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    rows[1][rows[0].index(column)] = bad_value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    csv_path.write_text(buffer.getvalue(), encoding="utf-8")
    report = validate(path)
    assert not report.valid
    assert any(error in item[3] for item in errors_of(report)), errors_of(report)[:5]


def test_the_zip_and_the_data_page_serve_the_same_package(client):
    response = client.get("/data/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    served = json.loads(response.content)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/data/dataset.zip").streaming_content)))
    assert json.loads(archive.read("datapackage.json")) == served
    assert {resource["path"] for resource in served["resources"]} <= set(archive.namelist())
