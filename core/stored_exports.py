"""Whole-table CSV downloads made once per data version, kept, and streamed from storage.

A download of a whole table (no filter, no sort) is the same bytes for everyone until
the data changes, and at a million rows its query takes tens of seconds. So the first
download of a data version (core/cache.py) writes each chunk it streams to PostgreSQL
as well; once it has finished, it is the copy every later download of that version
streams, as bytes, without the query. A newer version makes a new copy and drops the
older ones. Never stale: a copy is found only under the version it was made at, and
the version advances only after a write commits, so a copy holds at least that
version's data.

PostgreSQL, not files: the copy lives with the data it was made from, so a database
recreated (tests) or swapped (the benchmark's two) never serves another's copy under a
version number it reuses, and every process and machine sees the same copy. Two first
downloads at once each make their own (`build`); the first to finish is kept, the
other's parts are deleted. A download cut off midway deletes its parts.
"""

import uuid
from collections.abc import Iterator

from django.db import connections, router

from core.cache import writes_pending
from core.csv_export import Table, csv_chunks


def whole_table_csv(table: Table, version: int) -> Iterator[str | bytes]:
    """The CSV of every row of `table` at data `version`: its kept copy, or made (and kept) now."""
    using = router.db_for_write(table.model)
    if writes_pending(using):
        # This transaction's writes are not everyone's yet: neither use nor keep a copy.
        yield from csv_chunks(table, table.model.objects.all())
        return
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT build FROM core_stored_export WHERE name = %s AND version = %s", [table.name, version]
        )
        kept = cursor.fetchone()
    if kept:
        yield from _read(using, kept[0])
    else:
        yield from _make(using, table, version)


def _read(using: str, build) -> Iterator[bytes]:
    with connections[using].chunked_cursor() as cursor:
        cursor.execute("SELECT data FROM core_stored_export_part WHERE build = %s ORDER BY part", [build])
        while rows := cursor.fetchmany(4):
            for (data,) in rows:
                yield bytes(data)


def _make(using: str, table: Table, version: int) -> Iterator[bytes]:
    build, kept = uuid.uuid4(), False
    try:
        for part, chunk in enumerate(csv_chunks(table, table.model.objects.all())):
            data = chunk.encode("utf-8")
            with connections[using].cursor() as cursor:
                cursor.execute(
                    "INSERT INTO core_stored_export_part (build, part, name, version, data)"
                    " VALUES (%s, %s, %s, %s, %s)",
                    [build, part, table.name, version, data],
                )
            yield data
        kept = _keep(using, table.name, version, build)
    finally:
        if not kept:
            with connections[using].cursor() as cursor:
                cursor.execute("DELETE FROM core_stored_export_part WHERE build = %s", [build])


def _keep(using: str, name: str, version: int, build) -> bool:
    """Make the finished `build` the copy of `version`, unless another was kept first;
    drop the copies of older versions."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_stored_export (name, version, build) VALUES (%s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            [name, version, build],
        )
        if not cursor.rowcount:
            return False
        for kept in ("core_stored_export", "core_stored_export_part"):
            cursor.execute(f"DELETE FROM {kept} WHERE name = %s AND version < %s", [name, version])
    return True
