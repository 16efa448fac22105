"""Confirm writes every row or none, says which row and column refused, and one import
runs at a time (issue 11, defects 2 and 3), driven through the admin's views."""

import threading
from decimal import Decimal

import pytest
from django.db import connections
from django.test import Client

from core.imports import IMPORT_LOCK, SHOWN_ERRORS
from donors.models import Party
from pledges.models import Pledge
from pledges.services import pledge_save
from portal.datasets import TABLES_BY_NAME
from tests.imports.admin_import import confirm, csv_text, import_file, messages_of, preview

HEADER = TABLES_BY_NAME["pledges"].header


def new_pledges(count: int, donor="netherlands", start=0) -> list[dict]:
    return [
        {
            "donor_slug": donor,
            "recipient_slug": "ukraine",
            "category": "military",
            "purpose": f"confirm test {n}",
            "amount": f"{100 + n}.00",
            "currency": "EUR",
            "amount_qualifier": "exact",
            "announced_on": "2024-06-01",
            "announced_precision": "day",
            "status": "announced",
        }
        for n in range(start, start + count)
    ]


def same_pledge_as(row: dict) -> None:
    """Record, through the service, a pledge the row would duplicate."""
    pledge_save(
        pledge=Pledge(
            donor=Party.objects.get(slug=row["donor_slug"]),
            recipient=Party.objects.get(slug=row["recipient_slug"]),
            category=row["category"],
            purpose=row["purpose"],
            amount=Decimal(row["amount"]),
            currency=row["currency"],
            announced_on=row["announced_on"],
            announced_precision="day",
        )
    )


def rename_donor(row: dict) -> None:
    Party.objects.filter(slug=row["donor_slug"]).update(slug="renamed-meanwhile")


# What may change between the preview and the confirm, and what the confirm then says.
MEANWHILE = [
    (same_pledge_as, "(the row)", "This pledge is already recorded."),
    (rename_donor, "donor_slug", "No party &#x27;netherlands&#x27;."),
]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("change", "column", "message"), MEANWHILE, ids=["duplicate", "renamed-party"])
def test_a_row_refused_at_confirm_rolls_back_the_whole_file(editor_client, change, column, message):
    rows = new_pledges(10)
    if change is rename_donor:  # only row 5 names the party that is renamed
        rows[4]["donor_slug"] = "netherlands"
        for row in rows[:4] + rows[5:]:
            row["donor_slug"] = "norway"
    page = preview(editor_client, Pledge, csv_text(rows, HEADER))
    assert page.context["confirm_form"], page.content.decode()[:3000]
    before = Pledge.objects.count()
    change(rows[4])

    done = confirm(editor_client, Pledge, page)

    assert Pledge.objects.count() == before + (change is same_pledge_as)
    # none of the file's rows; only the one recorded meanwhile
    assert Pledge.objects.filter(purpose__startswith="confirm test").count() == (change is same_pledge_as)
    text = done.content.decode()
    assert "Nothing was imported" in text
    assert f"<tr><td>5</td><td>{column}</td><td>{message}</td></tr>" in text
    assert "Traceback" not in text


@pytest.mark.usefixtures("seeded")
def test_the_preview_is_a_summary_with_the_first_errors():
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("chief", password="x"))
    rows = new_pledges(300)
    for row in rows[::3]:
        row["amount"] = "-1"  # 100 bad rows
    page = preview(client, Pledge, csv_text(rows, HEADER))
    result = page.context["result"]
    assert len(result.invalid_rows) == 100
    text = page.content.decode()
    assert "100 of 300 rows have errors" in text
    assert text.count("An amount cannot be negative.") == SHOWN_ERRORS
    assert "confirm test 299" not in text  # no row-by-row preview

    rows = new_pledges(300)
    page = preview(client, Pledge, csv_text(rows, HEADER))
    text = page.content.decode()
    assert "300 new" in text and "<td>purpose</td><td>300</td>" in text
    assert "confirm test 150" not in text
    assert len(page.content) < 50_000


@pytest.mark.usefixtures("seeded")
def test_an_import_while_another_runs_is_refused_with_a_message(editor_client):
    running, release = threading.Event(), threading.Event()

    def another_import():  # holds the import lock, as a running import does
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK])
            running.set()
            release.wait(30)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK])
        connections["default"].close()

    thread = threading.Thread(target=another_import)
    thread.start()
    try:
        assert running.wait(30)
        before = Pledge.objects.count()
        page = preview(editor_client, Pledge, csv_text(new_pledges(5), HEADER))
    finally:
        release.set()
        thread.join()
    assert "Another import is running" in page.content.decode()
    assert page.context.get("confirm_form") is None
    assert Pledge.objects.count() == before


@pytest.mark.usefixtures("seeded")
def test_rows_written_in_bulk_are_in_history_with_their_author(editor_client, editor):
    page, done = import_file(editor_client, Pledge, csv_text(new_pledges(3), HEADER))
    assert "Import finished: 3 new" in " ".join(messages_of(done))
    records = Pledge.history.filter(purpose__startswith="confirm test")
    assert records.count() == 3
    assert {(r.history_type, r.history_user.username) for r in records} == {("+", editor.username)}
