"""The shipped data/ files in the test database: loaded once per test session with
data_load (which the CI thus runs), then copied back in with COPY for each later user,
which takes a fraction of a second instead of a load's several."""

import io

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

APPS = ("agreements", "donors", "pledges", "provisions", "sources")
_snapshot: dict[str, tuple[str, bytes]] = {}


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
