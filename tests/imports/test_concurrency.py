"""Two imports of overlapping rows at once: one waits or is refused with a message, never
a deadlock or a partial write (issue 11, defect 3). Its own module: the seeded tests
elsewhere hold a module-wide transaction, and this one needs real commits."""

import threading

import pytest
from django.db import connections
from django.test import Client

from pledges.models import Pledge
from tests.imports.admin_import import csv_text, import_file, messages_of
from tests.imports.test_confirm import HEADER, new_pledges
from tests.shipped_data import load_shipped_data


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_imports_of_overlapping_rows_at_once_never_deadlock_or_write_part():
    from django.contrib.auth.models import User

    load_shipped_data()  # what `seed` leaves, copied in from the session's one load
    User.objects.create_superuser("chief", password="x")
    files = [csv_text(new_pledges(400, start=0), HEADER), csv_text(new_pledges(400, start=200), HEADER)]
    before = Pledge.objects.count()
    start = threading.Barrier(2)
    outcomes = [None, None]

    def run(index):
        client = Client()
        client.force_login(User.objects.get(username="chief"))
        try:
            start.wait(30)
            page, done = import_file(client, Pledge, files[index])
            if done is None:
                outcomes[index] = ("refused", page.content.decode())
            else:
                outcomes[index] = (
                    "done" if "Import finished" in " ".join(messages_of(done)) else "refused",
                    done.content.decode(),
                )
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert all(outcome is not None for outcome in outcomes), "an import did not finish"

    done = [i for i, (kind, _) in enumerate(outcomes) if kind == "done"]
    written = Pledge.objects.filter(purpose__startswith="confirm test").count()
    assert done, outcomes
    # Each file is written whole or not at all: 400 rows, or 600 when both went in one after the other.
    assert written == {1: 400, 2: 600}[len(done)]
    assert Pledge.objects.count() == before + written
    for kind, text in outcomes:
        if kind == "refused":
            assert "Another import is running" in text or "This pledge is already recorded." in text
