"""The shipped data/ files in the test database: loaded once per test session with
data_load (which the CI thus runs), then copied back in with COPY for each later user
(the browser tests' live server), which takes a fraction of a second instead of a load's
several.

The tests that ask for it (`seeded`) share one load per session (per pytest-xdist worker):
it stays in a transaction left open on the test database, each module works in a savepoint
inside that is rolled back when the module ends, and the transaction is rolled back before
any test that uses the database without asking for the data (tests/conftest.py orders the
tests so that this happens once)."""

import io

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

APPS = ("agreements", "donors", "pledges", "provisions", "sources")
_snapshot: dict[str, tuple[str, bytes]] = {}
_open: list[transaction.Atomic] = []  # the session's transaction, then the module's savepoint


def _tables():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in APPS:
            yield model._meta.db_table, model._meta.pk.column


def _columns(cursor, table) -> str:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    return ", ".join(f'"{name}"' for (name,) in cursor.fetchall())


@transaction.atomic
def load_shipped_data():
    """The database as `make run` leaves it; the tables must be empty."""
    with connection.cursor() as cursor:
        if _snapshot:
            for table, (columns, rows) in _snapshot.items():
                cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", io.BytesIO(rows))
        else:
            call_command("seed", verbosity=0)
            for table, _ in _tables():
                columns, rows = _columns(cursor, table), io.BytesIO()
                cursor.copy_expert(f"COPY {table} ({columns}) TO STDOUT", rows)
                _snapshot[table] = (columns, rows.getvalue())
        # Planner statistics for the rows just written: autovacuum analyses these tables while
        # they are empty between modules (each module's rows are rolled back), and plans made
        # for empty tables turn every export into nested loops over thousands of rows.
        cursor.execute(f"ANALYZE {', '.join(table for table, _ in _tables())}")
        for table, pk in _tables():  # later inserts must not reuse the copied ids
            next_id = f"COALESCE(MAX({pk}), 0) + 1"
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), {next_id}, false) FROM {table}", [table, pk]
            )


def loaded() -> bool:
    return bool(_open)


def enter_module(on_load) -> None:
    """The shipped data for a test module: loaded if it is not (then `on_load()`), and a
    savepoint for what the module's own fixtures write."""
    if not _open:
        _enter()
        load_shipped_data()
        on_load()
    assert len(_open) == 1, "a module's savepoint is still open"
    _enter()


def leave_module() -> None:
    if len(_open) == 2:
        _leave()


def unload() -> None:
    """Roll back the module's savepoint (if open) and the session's load."""
    while _open:
        _leave()


def _enter() -> None:
    atomic = transaction.atomic()
    atomic.__enter__()
    _open.append(atomic)


def _leave() -> None:
    transaction.set_rollback(True)
    _open.pop().__exit__(None, None, None)
