"""Every exported table, in the order of the data page and the ZIP, and the files around them."""

import csv
import io
from collections.abc import Iterator
from datetime import date

from agreements.exports import AGREEMENT_PARTIES, AGREEMENTS, AREAS, MILESTONES, SIGNATORIES
from agreements.models import Agreement
from core.csv_export import csv_chunks
from donors.exports import GDP_FIGURES, MEMBERSHIPS, OFFICES, PARTIES, PEOPLE
from pledges.exports import EXCHANGE_RATES, PLEDGE_YEARS, PLEDGES, PROGRAMME_MEMBERSHIPS, PROGRAMMES
from pledges.models import Pledge
from pledges.querysets import STATUS_ORDER
from portal.datapackage import DATA_LICENCE, datapackage_json, suggested_citation
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
    PLEDGE_YEARS,
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

Money in euros: pledges keep the amount in its original currency (amount, currency;
amount_basis per_year: the amount is given for each year of the period) and in euros
(amount_eur). pledge_years.csv holds each pledge's money year by year: a yearly amount
in each year of its period, a total split evenly over them (a pledge without a period,
all in the year it was announced), each part converted at eur_rate units of the
currency per euro: the plain mean of the European Central Bank's daily euro reference
rates over eur_rate_year, the part's own year (the nearest year with a rate when that
year has none published yet). A pledge's amount_eur is the sum of its parts. The rates
are in exchange_rates.csv. A pledge keeps the rates it was converted with, so figures do
not move when the rate table is updated. Totals: a pledge whose part_of_id is set is
a share of a larger pledge, and one whose fulfils_id is set is the allocation or
delivery of an earlier commitment; add up either the larger pledge (or commitment) or
the rows pointing at it, not both (when it has no amount_eur, the rows pointing at
it). totals_by_status.csv gives the EUR totals by status (announced, committed,
allocated, delivered, cancelled), in all and per donor, counted by that rule within
each status.

Provisions: agreement_provisions.csv holds one row per agreement and coded provision
(answer yes, no, not_stated or not_public; no row = not yet coded), with the quoted
sentence and its article; {wide} is the same matrix with one row per agreement
and one column per provision (provisions.csv describes each).

Disputed facts: where sources disagree on an event, milestones.csv has one row per
claim, is_preferred marking the one the tracker relies on.

Text cells that a spreadsheet would read as a formula (starting with =, +, -, @,
tab or carriage return) begin with an apostrophe.

datapackage.json describes the same tables as a Frictionless Data Package (v2):
types, primary and foreign keys, allowed values, list separators and what an empty
cell means in each column.

Licence: the data are under {licence} ({licence_url}): reuse them
freely, crediting the Agreement tracker. (The tracker's code is under the MIT licence.)

How to cite: {citation}
The original sources are listed in sources.csv and citations.csv. Exchange rates:
European Central Bank, euro foreign exchange reference rates.
"""


def dictionary_rows() -> list[list[str]]:
    return [
        [table.name, column.name, column.type, column.meaning, column.example]
        for table in TABLES
        for column in table.columns
    ]


TOTALS_FILE = "totals_by_status.csv"


def totals_by_status_rows() -> list[list[str]]:
    """The EUR totals by status, in all and per donor, by the pages' rule (PledgeQuerySet)."""
    rows = [["donor_slug", "status", "amount_eur"]]
    rows += [["", status, str(total)] for status, total in Pledge.objects.totals_eur_by_status().items()]
    per_donor = Pledge.objects.totals_eur_by("donor__slug", "status")
    order = {status: n for n, status in enumerate(STATUS_ORDER)}
    for (donor, status), total in sorted(per_donor.items(), key=lambda item: (item[0][0], order[item[0][1]])):
        rows.append([donor, status, str(total)])
    return rows


def _text_file(rows: list[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    yield buffer.getvalue()


def dataset_files(
    *, on: date, data_version: int, url: str, release: int | None = None
) -> Iterator[tuple[str, Iterator[str]]]:
    """(file name, text chunks) of every file of the whole-dataset download made on a
    day from the data at a data version, and of the release it is, if it is one; `url`
    is where it is downloaded from, for the citation."""
    package = datapackage_json(TABLES, on=on, data_version=data_version, release=release)
    yield "datapackage.json", iter([package])
    for table in TABLES:
        yield f"{table.name}.csv", csv_chunks(table, table.model.objects.all())
    yield WIDE_FILE, wide_csv(Agreement.objects.all())
    yield TOTALS_FILE, _text_file(totals_by_status_rows())
    yield "data_dictionary.csv", _text_file([DICTIONARY_HEADER, *dictionary_rows()])
    names = ", ".join(table.name for table in TABLES)
    facts = ", ".join(f"{name} in {fact_table(name)}.csv" for name, _ in CITED_FACTS)
    readme = README.format(
        date=on.isoformat(),
        tables=names,
        fact_tables=facts,
        wide=WIDE_FILE,
        licence=DATA_LICENCE["title"],
        licence_url=DATA_LICENCE["path"],
        citation=suggested_citation(on=on, release=release, url=url),
    )
    yield "README.txt", iter([readme])
