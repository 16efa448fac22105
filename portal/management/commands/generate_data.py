"""Fill the database with realistic volumes of synthetic data, fast, for benchmarks.

Rows are made by PostgreSQL itself (INSERT ... SELECT over generate_series) with a
seeded random(), so the same --seed gives the same data. Every row obeys the same
constraints as real data, and amounts convert to euros by the rule of a single year
(pledges.services.conversion_sql): generated pledges get no yearly parts (pledge_years),
so their whole amount is converted, and counted by year, in their reference year; agreements are made signed (talks, then signing), and their
stored status and signing date are filled accordingly (tests check this against
the rule in agreements/status.py).
"""

import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from agreements.models import Agreement
from core.cache import bump_data_version
from pledges.services import conversion_sql, nearest_rate_sql

STEPS = [
    (
        "parties",
        """
        INSERT INTO donors_party (name, slug, kind, iso_code, official_name, notes, updated_at)
        SELECT 'Generated party ' || i, 'generated-party-' || i, 'state', NULL, '', '', now()
        FROM generate_series(1, %(parties)s) AS i
        """,
    ),
    (
        "people",
        """
        INSERT INTO donors_person (name, slug, country_id, notes, updated_at)
        SELECT 'Generated person ' || i, 'generated-person-' || i,
               (SELECT min(id) FROM donors_party WHERE slug LIKE 'generated-party-%%') + (i %% %(parties)s), '', now()
        FROM generate_series(1, %(people)s) AS i
        """,
    ),
    (
        "programmes",
        """
        INSERT INTO pledges_programme (name, slug, kind, description, url, budget_amount, budget_currency,
                                       start_year, end_year, updated_at)
        SELECT 'Generated programme ' || i, 'generated-programme-' || i,
               (ARRAY['national', 'coalition', 'fund', 'procurement'])[1 + i %% 4], '', '', NULL, '', 2022, 2030, now()
        FROM generate_series(1, 40) AS i
        """,
    ),
    (
        "agreements",
        """
        INSERT INTO agreements_agreement (title, slug, kind, is_bilateral, summary, text_url, term_years, term_note,
                                          binding_nature, status, signed_on, signed_precision, notes, updated_at)
        SELECT 'Generated security agreement ' || i, 'generated-agreement-' || i, 'security', true,
               'Generated agreement on long-term security cooperation number ' || i, '', 10, '', 'not_stated',
               'signed', DATE '2014-01-01' + (i * 7919) %% 4000, 'day', '', now()
        FROM generate_series(1, %(agreements)s) AS i
        """,
    ),
    (
        "agreement parties",
        """
        WITH generated AS (
            SELECT a.id, row_number() OVER (ORDER BY a.id) AS n
            FROM agreements_agreement a WHERE a.slug LIKE 'generated-agreement-%%'
        ), parties AS (
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
            FROM donors_party WHERE slug LIKE 'generated-party-%%'
        )
        INSERT INTO agreements_agreementparty (agreement_id, party_id, role)
        SELECT g.id, p.id, role
        FROM generated g
        CROSS JOIN LATERAL (VALUES ('recipient', 0), ('partner', 1 + g.n %% (%(parties)s - 1))) AS r(role, k)
        JOIN parties p ON p.n = r.k
        """,
    ),
    (
        "milestones",
        """
        INSERT INTO agreements_milestone (agreement_id, kind, date, date_precision, place, party_id, is_preferred, note)
        SELECT a.id, m.kind, a.signed_on - m.days_before, 'day', 'Generated city ' || (a.id %% 300), NULL, true, ''
        FROM agreements_agreement a
        CROSS JOIN (VALUES ('talks_started', 90), ('signed', 0)) AS m(kind, days_before)
        WHERE a.slug LIKE 'generated-agreement-%%'
        """,
    ),
    (
        "signatories",
        """
        INSERT INTO agreements_signatory (agreement_id, person_id, party_id, office_id, title)
        SELECT ap.agreement_id,
               (SELECT min(id) FROM donors_person WHERE slug LIKE 'generated-person-%%') + ap.agreement_id %% %(people)s,
               ap.party_id, NULL, 'Prime Minister'
        FROM agreements_agreementparty ap
        JOIN agreements_agreement a ON a.id = ap.agreement_id AND a.slug LIKE 'generated-agreement-%%'
        WHERE ap.role = 'partner'
        """,
    ),
    (
        "sources",
        """
        INSERT INTO sources_source (title, publisher, author, kind, published_on, published_precision, url,
                                    language, notes, updated_at)
        SELECT 'Generated report ' || i || ' on security assistance', 'Generated Publisher ' || (i %% 500), '',
               'news', DATE '2014-01-01' + i %% 4000, 'day', 'https://example.org/generated/' || i, 'en', '', now()
        FROM generate_series(1, %(sources)s) AS i
        """,
    ),
    (
        "pledges",
        """
        WITH parties AS (SELECT array_agg(id ORDER BY id) AS ids FROM donors_party WHERE slug LIKE 'generated-party-%%'),
             programmes AS (SELECT array_agg(id ORDER BY id) AS ids FROM pledges_programme
                            WHERE slug LIKE 'generated-programme-%%'),
             agreements AS (SELECT min(id) AS first FROM agreements_agreement WHERE slug LIKE 'generated-agreement-%%'),
             rows AS (
                SELECT i, random() AS r1, random() AS r2, random() AS r3,
                       (ARRAY['EUR', 'EUR', 'EUR', 'USD', 'GBP', 'NOK', 'SEK', 'CAD'])[1 + floor(random() * 8)::int] AS currency,
                       extract(year FROM DATE '2022-01-01' + (i %% 1400))::int AS year
                FROM generate_series(1, %(pledges)s) AS i
             ),
             -- the rate of each (currency, year) the rows use, chosen once, not once a row
             nearest AS (
                SELECT pairs.currency, pairs.year, rate.units_per_eur, rate.year AS rate_year, rate.source_id
                FROM (SELECT DISTINCT currency, year FROM rows) AS pairs
                LEFT JOIN LATERAL ({nearest_rate}) AS rate ON true
             )
        INSERT INTO pledges_pledge (donor_id, recipient_id, agreement_id, programme_id, category, purpose, amount,
            currency, amount_qualifier, quantity, item, basis, announced_on, announced_precision, period_start_year,
            period_end_year, status, notes, amount_eur, eur_rate, eur_rate_year, eur_rate_source_id, part_of_id,
            amount_basis, fulfils_id, updated_at)
        SELECT parties.ids[2 + (i %% (array_length(parties.ids, 1) - 1))], parties.ids[1],
               CASE WHEN r1 < 0.5 THEN agreements.first + (i %% %(agreements)s) END,
               CASE WHEN r2 < 0.3 THEN programmes.ids[1 + (i %% array_length(programmes.ids, 1))] END,
               (ARRAY['military', 'financial', 'humanitarian', 'mixed'])[1 + floor(r3 * 4)::int],
               'generated purpose ' || i,
               money.amount, rows.currency, 'exact', NULL, '', '',
               DATE '2022-01-01' + (i %% 1400), 'day', 2022 + (i %% 4), 2022 + (i %% 4) + (i %% 3),
               (ARRAY['announced', 'committed', 'allocated', 'delivered'])[1 + (i %% 4)], '',
               conversion.amount_eur, conversion.eur_rate, conversion.eur_rate_year, conversion.eur_rate_source_id,
               NULL, 'total', NULL, now()
        FROM rows CROSS JOIN parties CROSS JOIN programmes CROSS JOIN agreements
        JOIN nearest ON nearest.currency = rows.currency AND nearest.year = rows.year
        CROSS JOIN LATERAL (SELECT round((1000 + r1 * 5e9)::numeric, 2) AS amount) AS money
        CROSS JOIN LATERAL ({conversion}) AS conversion
        """,
    ),
    (
        "citations",
        """
        WITH first AS (SELECT min(id) AS source FROM sources_source WHERE url LIKE 'https://example.org/generated/%%')
        INSERT INTO sources_citation (source_id, quote, locator, note, pledge_id)
        SELECT first.source + (p.id %% %(sources)s), 'The donor pledged support, generated sentence ' || p.id, '', '', p.id
        FROM pledges_pledge p CROSS JOIN first
        WHERE p.purpose LIKE 'generated purpose %%'
        """,
    ),
]


BULK_TABLES = ("sources_source", "pledges_pledge", "sources_citation")


class Command(BaseCommand):
    help = "Fill the database with synthetic agreements, pledges and sources for benchmarks (seeded, fast)."

    def add_arguments(self, parser):
        parser.add_argument("--parties", type=int, default=200)
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--agreements", type=int, default=20000)
        parser.add_argument("--pledges", type=int, default=1_000_000)
        parser.add_argument("--sources", type=int, default=100_000)
        parser.add_argument(
            "--seed", type=float, default=0.42, help="seed for PostgreSQL's random(), -1 to 1"
        )

    def handle(self, *args, **options):
        if Agreement.objects.filter(slug__startswith="generated-agreement-").exists():
            raise CommandError("Generated data is already present; start from an empty database.")
        if not (
            options["parties"] >= 2 and min(options["people"], options["agreements"], options["sources"]) >= 1
        ):
            raise CommandError("Give at least 2 parties and 1 person, agreement and source.")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT setseed(%s)", [options["seed"]])
            # Bulk loading as pg_restore does: the big tables' indexes and foreign keys are
            # built and checked once at the end, set-based, instead of once a row (the
            # deferred row-by-row key checks at COMMIT took longer than the inserts).
            rebuilt = []  # (seconds, statement) of each index and key made again
            with indexes_and_keys_deferred(cursor, BULK_TABLES, rebuilt):
                for name, sql in STEPS:
                    started = time.monotonic()
                    cursor.execute(self._sql(sql), options)
                    self.stdout.write(f"{name}: {cursor.rowcount} rows in {time.monotonic() - started:.1f} s")
            slowest = "; ".join(f"{seconds:.1f} s {what[:70]}" for seconds, what in sorted(rebuilt)[-3:])
            self.stdout.write(
                f"indexes and foreign keys: {sum(seconds for seconds, _ in rebuilt):.1f} s (slowest: {slowest})"
            )
            bump_data_version()  # raw SQL sends no save signals; cached figures must still go
        started = time.monotonic()
        with connection.cursor() as cursor:
            # VACUUM marks the new pages all-visible, so deep pages and counts can read the
            # indexes alone; it cannot run inside a transaction (as in tests): ANALYZE there.
            cursor.execute(
                "ANALYZE" if connection.in_atomic_block else f"VACUUM (ANALYZE) {', '.join(BULK_TABLES)}"
            )
            if not connection.in_atomic_block:
                cursor.execute("ANALYZE")
        self.stdout.write(f"vacuum and analyze: {time.monotonic() - started:.1f} s")

    @staticmethod
    def _sql(sql: str) -> str:
        conversion = conversion_sql(
            amount="money.amount",
            currency="rows.currency",
            year="rows.year",
            rate="SELECT nearest.units_per_eur, nearest.rate_year AS year, nearest.source_id",
        )
        nearest_rate = nearest_rate_sql(currency="pairs.currency", year="pairs.year")
        return sql.replace("{conversion}", conversion.replace("%", "%%")).replace(
            "{nearest_rate}", nearest_rate.replace("%", "%%")
        )


@contextmanager
def indexes_and_keys_deferred(cursor, tables, rebuilt: list):
    """Drop the tables' secondary indexes, unique constraints and foreign keys, then
    recreate them from their own definitions (so a violation still fails the whole
    transaction), noting each one's time in `rebuilt`. The unique constraints too: kept,
    their 13-column indexes were updated row by row, a third of the pledges' insert."""
    cursor.execute(
        """
        SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname),
               'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname) || ' '
                   || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE contype IN ('f', 'u') AND conrelid::regclass::text = ANY(%(tables)s)
        UNION ALL
        SELECT 'DROP INDEX ' || i.indexrelid::regclass, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid::regclass::text = ANY(%(tables)s) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        {"tables": list(tables)},
    )
    statements = cursor.fetchall()
    # Checks still deferred from earlier writes in this transaction must run before their
    # tables can be altered (PostgreSQL refuses an ALTER with pending trigger events).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for drop, _ in statements:
        cursor.execute(drop)
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _, create in statements:
        started = time.monotonic()
        cursor.execute(create)
        rebuilt.append((time.monotonic() - started, create))
