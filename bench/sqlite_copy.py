"""The SQLite copy Datasette serves in bench/datasette_bench.py, built from this project's export.

The rows come from the same CSV files as the data page's downloads (portal.datasets),
so both servers answer from the same data. Indexes cover the columns the benchmark
filters and sorts on, and the pledges have an FTS5 index, as a Datasette user would
set up (`sqlite-utils enable-fts`), so Datasette is measured at its best.
"""

import csv
import sqlite3
from datetime import date
from pathlib import Path

TABLES = ("pledges", "agreements", "parties")
INTEGER = {
    "pledge_id",
    "agreement_id",
    "party_id",
    "part_of_id",
    "eur_rate_year",
    "period_start_year",
    "period_end_year",
    "term_years",
}
REAL = {"amount", "amount_eur", "eur_rate", "quantity"}
INDEXES = (
    "CREATE INDEX pledges_donor_eur ON pledges (donor_slug, amount_eur)",
    "CREATE INDEX pledges_donor_announced ON pledges (donor_slug, announced_on)",
    "CREATE INDEX pledges_announced ON pledges (announced_on)",
    "CREATE INDEX pledges_category_period ON pledges (category, period_start_year, period_end_year)",
    "CREATE INDEX agreements_signed ON agreements (signed_on, title)",
    "CREATE INDEX agreements_slug ON agreements (slug)",
    "CREATE INDEX agreement_parties_party ON agreement_parties (party_slug, agreement_id)",
)
FTS = """
CREATE VIRTUAL TABLE pledges_fts
    USING fts5(purpose, item, basis, notes, content=pledges, content_rowid=pledge_id);
INSERT INTO pledges_fts (pledges_fts) VALUES ('rebuild');
"""


def _typed(column: str, value: str):
    if value == "":
        return None
    if column in INTEGER:
        return int(value)
    if column in REAL:
        return float(value)
    return value


def _load(db: sqlite3.Connection, table: str, chunks) -> None:
    reader = csv.reader(line for chunk in chunks for line in chunk.splitlines(keepends=True))
    columns = next(reader)
    key = f"{table[:-1]}_id"
    types = {c: "INTEGER" if c in INTEGER else "REAL" if c in REAL else "TEXT" for c in columns}
    definitions = ", ".join(f"{c} {types[c]}{' PRIMARY KEY' if c == key else ''}" for c in columns)
    db.execute(f"CREATE TABLE {table} ({definitions})")
    insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})"
    db.executemany(insert, ([_typed(c, v) for c, v in zip(columns, row, strict=True)] for row in reader))


def build(path: Path) -> None:
    """Write the copy to `path` (replacing it): pledges, agreements, parties and a
    party-to-agreement table split from agreements.party_slugs."""
    from portal.datasets import dataset_files

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    for name, chunks in dataset_files(on=date.today(), data_version=0, url="http://127.0.0.1:8000/data/"):
        table = name.removesuffix(".csv")
        if table in TABLES:
            _load(db, table, chunks)
    db.execute("CREATE TABLE agreement_parties (agreement_id INTEGER, party_slug TEXT)")
    rows = db.execute("SELECT agreement_id, party_slugs FROM agreements").fetchall()
    db.executemany(
        "INSERT INTO agreement_parties VALUES (?, ?)",
        ((agreement, slug) for agreement, slugs in rows for slug in (slugs or "").split("; ") if slug),
    )
    for statement in INDEXES:
        db.execute(statement)
    db.executescript(FTS)
    db.commit()
    db.execute("ANALYZE")
    db.close()
    partial.rename(path)


def keyset_token(
    path: Path,
    offset: int,
    *,
    table: str = "pledges",
    sort: str = "announced_on DESC",
    where: str = "1",
    params: tuple = (),
) -> str:
    """Datasette's `_next` token for the page that starts after `offset` rows of a
    sorted listing: the previous row's sort value and primary key."""
    column, _, direction = sort.partition(" ")
    key = f"{table[:-1]}_id"
    row = rows(
        path,
        f"SELECT {column}, {key} FROM {table} WHERE {where} "
        f"ORDER BY {column} {direction}, {key} {direction} LIMIT 1 OFFSET ?",
        (*params, offset - 1),
    )
    return f"{row[0][0]},{row[0][1]}"


def rows(path: Path, sql: str, params: tuple = ()) -> list:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


if __name__ == "__main__":  # build by hand: python bench/sqlite_copy.py OUT.sqlite
    import os
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    build(Path(sys.argv[1]))
    print(f"wrote {sys.argv[1]}")
