"""The CSV exports: what a researcher downloads equals what the database holds."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.html import escape

from agreements.models import Agreement, Milestone
from pledges.models import Pledge
from portal.datasets import TABLES, TOTALS_FILE, dictionary_rows
from provisions.wide import WIDE_FILE
from sources.models import Citation
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.usefixtures("seeded")


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response.streaming
    body = b"".join(response.streaming_content)
    return response, body.decode("utf-8")


def parse(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_pledges_export_equals_the_database(client):
    response, text = download(client, "/pledges/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="pledges-{date.today().isoformat()}.csv"'
    rows = {int(row["pledge_id"]): row for row in parse(text)}
    pledges = Pledge.objects.select_related("donor", "programme").prefetch_related("citations__source")
    assert set(rows) == {p.pk for p in pledges}
    for pledge in pledges:
        row = rows[pledge.pk]
        assert row["donor_slug"] == pledge.donor.slug
        assert row["programme_slug"] == (pledge.programme.slug if pledge.programme else "")
        assert row["amount"] == ("" if pledge.amount is None else str(pledge.amount))
        assert row["currency"] == pledge.currency
        assert row["amount_eur"] == ("" if pledge.amount_eur is None else str(pledge.amount_eur))
        assert row["eur_rate"] == ("" if pledge.eur_rate is None else str(pledge.eur_rate))
        assert row["announced_on"] == (pledge.announced_on.isoformat() if pledge.announced_on else "")
        urls = sorted({c.source.url for c in pledge.citations.all() if c.source.url})
        assert row["source_urls"] == "; ".join(urls)


def test_export_has_exactly_the_filtered_rows(client):
    _, text = download(client, "/pledges/export.csv?donor=netherlands&category=military")
    expected = Pledge.objects.filter(donor__slug="netherlands", category="military")
    assert {int(r["pledge_id"]) for r in parse(text)} == set(expected.values_list("pk", flat=True))

    _, text = download(client, "/agreements/export.csv?status=signed&sort=-signed")
    rows = parse(text)
    signed = Agreement.objects.filter(status="signed").order_by("-signed_on")
    # Sorted by signing date, newest first; agreements signed the same day in either order.
    assert [r["signed_on"] for r in rows] == [a.signed_on.isoformat() for a in signed]
    assert {r["slug"] for r in rows} == {a.slug for a in signed}

    _, text = download(client, "/timeline/export.csv?q=kharkiv")
    assert {int(r["milestone_id"]) for r in parse(text)} == set(
        Milestone.objects.search("kharkiv").values_list("pk", flat=True)
    )


def test_export_is_not_limited_to_one_page(client):
    _, text = download(client, "/sources/export.csv?per_page=25&page=1")
    from sources.models import Source

    assert len(parse(text)) == Source.objects.count()


def test_bad_filters_refuse_the_download(client):
    response = client.get("/pledges/export.csv?currency=EURO&amount_min=lots")
    assert response.status_code == 400
    assert "Nothing exported" in response.text and "ISO 4217" in response.text


def test_formula_like_text_is_neutralised(client):
    Agreement.objects.filter(slug="ukraine-norway-security-agreement").update(
        title='=HYPERLINK("http://evil")', notes="@SUM(A1)", summary="-2+3", term_note="\tTab"
    )
    Citation.objects.filter(pk=Citation.objects.first().pk).update(quote="+cmd|' /C calc'!A0")
    _, text = download(client, "/data/agreements.csv")
    row = next(r for r in parse(text) if r["slug"] == "ukraine-norway-security-agreement")
    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert (row["notes"], row["summary"], row["term_note"]) == ("'@SUM(A1)", "'-2+3", "'\tTab")
    _, text = download(client, "/data/citations.csv")
    assert any(r["quote"] == "'+cmd|' /C calc'!A0" for r in parse(text))


def test_csv_format_rules(client):
    MilestoneFactory(date=date(2024, 3, 1), date_precision="month")  # a date known to the month
    _, text = download(client, "/data/milestones.csv")
    assert text.startswith("milestone_id,agreement_id,agreement_slug,kind,date,date_precision,")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # RFC 4180 line ends
    rows = parse(text)
    dated = next(r for r in rows if r["date_precision"] == "month")
    assert dated["date"].endswith("-01") and len(dated["date"]) == 10
    assert {r["is_preferred"] for r in rows} == {"true", "false"}
    _, text = download(client, "/data/agreements.csv")
    netherlands = next(r for r in parse(text) if r["slug"] == "ukraine-netherlands-security-agreement")
    assert netherlands["party_slugs"] == "netherlands; ukraine"
    assert netherlands["updated_at"].endswith("Z") and "T" in netherlands["updated_at"]


def test_every_table_downloads_and_joins_by_id(client):
    tables = {}
    for table in TABLES:
        _, text = download(client, f"/data/{table.name}.csv")
        tables[table.name] = parse(text)
        assert len(tables[table.name]) == table.model.objects.count(), table.name
    agreement_ids = {r["agreement_id"] for r in tables["agreements"]}
    assert {r["agreement_id"] for r in tables["milestones"]} <= agreement_ids
    source_ids = {r["source_id"] for r in tables["sources"]}
    assert {r["source_id"] for r in tables["citations"]} <= source_ids
    party_slugs = {r["slug"] for r in tables["parties"]}
    assert {r["donor_slug"] for r in tables["pledges"]} <= party_slugs


def test_dataset_zip_holds_every_table_the_dictionary_and_readme(client):
    response, _ = client.get("/data/dataset.zip"), None
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    extra = {"data_dictionary.csv", "README.txt", WIDE_FILE, TOTALS_FILE, "datapackage.json"}
    assert names == {f"{t.name}.csv" for t in TABLES} | extra
    dictionary = parse(archive.read("data_dictionary.csv").decode())
    assert len(dictionary) == sum(len(t.columns) for t in TABLES)
    pledges_header = archive.read("pledges.csv").decode().split("\r\n")[0].split(",")
    assert pledges_header == [r["column"] for r in dictionary if r["table"] == "pledges"]
    assert "European Central Bank" in archive.read("README.txt").decode()


def test_data_page_shows_the_dictionary_from_the_same_definition(client):
    text = client.get("/data/").text
    for _table, column, _type, meaning, _example in dictionary_rows():
        assert f"<code>{column}</code>" in text
        assert escape(meaning) in text
    assert "Units of currency per euro used" in text


def test_export_command_writes_the_same_files(tmp_path, client):
    call_command("export_data", tmp_path, verbosity=0)
    archive = zipfile.ZipFile(next(tmp_path.glob("agreement-tracker-*.zip")))
    for table in TABLES:
        written = (tmp_path / f"{table.name}.csv").read_bytes().decode("utf-8")
        _, served = download(client, f"/data/{table.name}.csv")
        assert written == served == archive.read(f"{table.name}.csv").decode()


@pytest.mark.parametrize("rows", [3, 120])
def test_exports_issue_a_fixed_number_of_queries(client, django_assert_max_num_queries, rows):
    from tests.factories import CitationFactory, PledgeFactory

    for _ in range(rows):
        CitationFactory(pledge=PledgeFactory(amount=Decimal("5"), amount_eur=Decimal("5"), eur_rate=1))
    for table in TABLES:
        with django_assert_max_num_queries(4, info=table.name):
            download(client, f"/data/{table.name}.csv")
    with django_assert_max_num_queries(6):
        download(client, "/pledges/export.csv?donor=netherlands&programme=it-coalition")


def test_readme_lists_every_exported_column():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for table in TABLES:
        line = next(line for line in readme.splitlines() if line.startswith(f"- **{table.name}.csv**"))
        assert line.count("`") // 2 == len(table.columns), table.name
        for column in table.columns:
            assert f"`{column.name}`" in line, (table.name, column.name)
