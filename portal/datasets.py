"""Every exported table, in the order of the data page and the ZIP, and the files around them."""

import csv
import io
from collections.abc import Iterator
from datetime import date

from agreements.exports import AGREEMENT_PARTIES, AGREEMENTS, AREAS, MILESTONES, SIGNATORIES
from agreements.models import Agreement
from core.csv_export import csv_chunks
from donors.exports import GDP_FIGURES, MEMBERSHIPS, OFFICES, PARTIES, PEOPLE
from pledges.exports import EXCHANGE_RATES, PLEDGES, PROGRAMME_MEMBERSHIPS, PROGRAMMES
from provisions.exports import AGREEMENT_PROVISIONS, PROVISIONS
from provisions.wide import WIDE_FILE, wide_csv
from sources.exports import CITATIONS, CLAIMS, DISPUTES, SOURCES, fact_table
from sources.models import CITED_FACTS

# Every table of the data model, so every citation's fact is in the download.
TABLES = [
    AGREEMENTS,
    AGREEMENT_PARTIES,
    MILESTONES,
    SIGNATORIES,
    AREAS,
    PLEDGES,
    PROGRAMMES,
    PROGRAMME_MEMBERSHIPS,
    PARTIES,
    MEMBERSHIPS,
    PEOPLE,
    OFFICES,
    PROVISIONS,
    AGREEMENT_PROVISIONS,
    SOURCES,
    CITATIONS,
    DISPUTES,
    CLAIMS,
    EXCHANGE_RATES,
    GDP_FIGURES,
]
TABLES_BY_NAME = {table.name: table for table in TABLES}

DICTIONARY_HEADER = ["table", "column", "type", "meaning", "example"]

README = """Agreement tracker: the whole dataset, exported {date}

Tables (one CSV file each, UTF-8, header row, RFC 4180 quoting, ISO 8601 dates,
'.' as the decimal point): {tables}.
data_dictionary.csv describes every column: name, type, meaning, example.

Joining: every table has an identifier column (agreement_id, pledge_id, ...);
parties, agreements, programmes, people and areas also have a stable slug, which other
tables use (donor_slug, agreement_slug, ...). citations.fact_type and citations.fact_id
name the row each citation backs, by fact type: {fact_tables}.
The rows of those tables list their sources in source_ids and source_urls. Several
values in one cell are joined with "; ". updated_at says when each row last changed.

Dates: each date has a precision column (day, month or year); a date known only to
the month is given as the 1st of that month, a year as 1 January.

Money in euros: pledges keep the amount in its original currency (amount, currency)
and in euros (amount_eur), converted at eur_rate units of the currency per euro:
the plain mean of the European Central Bank's daily euro reference rates over
eur_rate_year, the year the pledge was announced (or, lacking that, the first year
of its period; the nearest year with a rate when that year has none). The rates are
in exchange_rates.csv. A pledge keeps the rate it was converted with, so figures do
not move when the rate table is updated. Totals: a pledge whose part_of_id is set is
a share of a larger pledge; add up either the larger pledge or its shares, not both.

Provisions: agreement_provisions.csv holds one row per agreement and coded provision
(answer yes, no, not_stated or not_public; no row = not yet coded), with the quoted
sentence and its article; {wide} is the same matrix with one row per agreement
and one column per provision (provisions.csv describes each).

Disputed facts: where sources disagree on an event, milestones.csv has one row per
claim, is_preferred marking the one the tracker relies on.

Text cells that a spreadsheet would read as a formula (starting with =, +, -, @,
tab or carriage return) begin with an apostrophe.

How to cite: Agreement tracker, dataset exported {date}, with the original
sources listed in sources.csv and citations.csv. Exchange rates: European Central
Bank, euro foreign exchange reference rates.
"""


def dictionary_rows() -> list[list[str]]:
    return [
        [table.name, column.name, column.type, column.meaning, column.example]
        for table in TABLES
        for column in table.columns
    ]


def _text_file(rows: list[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    yield buffer.getvalue()


def dataset_files(*, on: date) -> Iterator[tuple[str, Iterator[str]]]:
    """(file name, text chunks) of every file of the whole-dataset download."""
    for table in TABLES:
        yield f"{table.name}.csv", csv_chunks(table, table.model.objects.all())
    yield WIDE_FILE, wide_csv(Agreement.objects.all())
    yield "data_dictionary.csv", _text_file([DICTIONARY_HEADER, *dictionary_rows()])
    names = ", ".join(table.name for table in TABLES)
    facts = ", ".join(f"{name} in {fact_table(name)}.csv" for name, _ in CITED_FACTS)
    yield (
        "README.txt",
        iter([README.format(date=on.isoformat(), tables=names, fact_tables=facts, wide=WIDE_FILE)]),
    )
