"""The whole pledges CSV: made once per data version, kept, and the same bytes as the
row-by-row export (core/stored_exports.py, Table.sql's grouped join)."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection

from core.cache import data_version
from core.csv_export import csv_chunks
from core.stored_exports import whole_table_csv
from pledges.exports import PLEDGES
from pledges.models import Pledge
from sources.models import Citation, Source

pytestmark = pytest.mark.usefixtures("seeded")


def correlated_export() -> bytes:
    """The export as it was made before the grouped join: the rows of `PLEDGES.rows`, whose
    source cells are correlated subqueries, through the csv module."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PLEDGES.header)
    writer.writerows(PLEDGES.rows(Pledge.objects.all()))
    return buffer.getvalue().encode("utf-8")


def download(client, url="/pledges/export.csv") -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def kept_copies() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, version FROM core_stored_export ORDER BY version")
        copies = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM core_stored_export_part")
        return copies, cursor.fetchone()[0]


@pytest.fixture
def generated(as_committed):
    call_command("generate_data", parties=6, people=3, agreements=12, pledges=700, sources=40, verbosity=0)
    # Cells the guard and the quoting act on, and a pledge cited by a source without an address.
    pledge = Pledge.objects.filter(purpose__startswith="generated purpose ").order_by("pk").first()
    Pledge.objects.filter(pk=pledge.pk).update(purpose='=SUM(A1), "quoted"\nline', notes="'kept")
    no_address = Source.objects.create(title="No address", url="")
    Citation.objects.create(source=no_address, pledge=pledge, quote="x")
    as_committed()
    return pledge


def test_whole_export_is_the_row_by_row_export_byte_for_byte(client, generated):
    assert PLEDGES.sql(Pledge.objects.all())[0] != str(PLEDGES.rows(Pledge.objects.all()).query)
    expected = correlated_export()
    assert Pledge.objects.count() > 700
    assert b"'=SUM(A1)" in expected and b"''kept" in expected

    first = download(client)  # made now, and kept
    assert first == expected
    copies, parts = kept_copies()
    assert len(copies) == 1 and parts >= 1
    assert download(client) == expected  # from the kept copy
    # The grouped join gives the same cells as the subqueries on its own, without the copy.
    assert "".join(csv_chunks(PLEDGES, Pledge.objects.all())).encode() == expected


def test_a_change_in_the_data_changes_the_file(client, generated, as_committed):
    before = download(client)
    assert download(client) == before
    pledge = Pledge.objects.exclude(pk=generated.pk).filter(purpose__startswith="generated purpose ").first()
    pledge.purpose = "changed after the copy was made"
    pledge.save()
    as_committed()  # the data version advances, as at commit

    after = download(client)
    assert after != before
    assert b"changed after the copy was made" in after
    assert after == correlated_export()
    copies, _ = kept_copies()
    assert len(copies) == 1  # the older version's copy is gone


def test_no_copy_is_kept_of_uncommitted_writes_or_of_a_cut_off_download(client, generated):
    Pledge.objects.filter(pk=generated.pk).update(purpose="not committed yet")
    Pledge.objects.get(pk=generated.pk).save()  # queues the version's advance, not yet run
    assert b"not committed yet" in download(client)
    assert kept_copies() == ([], 0)


def test_a_cut_off_first_download_keeps_nothing(client, generated):
    chunks = whole_table_csv(PLEDGES, data_version())
    assert next(chunks).startswith(b"pledge_id,")  # a part written and kept aside
    chunks.close()  # the client went away: the server closes the generator midway
    assert kept_copies() == ([], 0)
    assert download(client) == correlated_export()


def test_a_filtered_export_is_not_kept(client, generated):
    body = download(client, "/pledges/export.csv?category=military")
    assert body and kept_copies() == ([], 0)
