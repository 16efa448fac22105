from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from donors.models import GdpFigure
from pledges.ecb import ECB_SOURCE
from pledges.gdp import SHIPPED_FILE, WORLD_BANK_SOURCE, read_gdp_file, usd_to_eur
from pledges.services import RateTable
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Store GDP figures (World Bank, current US$) in US dollars and in euros at the ECB annual "
        "average rate of their year (the nearest year with a rate when it has none). Reads "
        "fixtures/world_bank_gdp.csv unless --file names another file of the same columns, e.g. "
        "data/gdp.csv of the datasets/gdp repository. Needs the rate table (load_ecb_rates)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="CSV with Country Name, Country Code, Year, Value")
        parser.add_argument("--since", type=int, default=2014, help="first year to store (default 2014)")

    def handle(self, *args, **options):
        path = options["file"] or SHIPPED_FILE
        try:
            rows, regions = read_gdp_file(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"Could not read {path}: {error}") from error
        rows = [row for row in rows if row.year >= options["since"]]
        rates = RateTable(["USD"])
        if not rates.by_year.get("USD"):
            raise CommandError("The rate table has no US-dollar rate: run load_ecb_rates first.")
        with transaction.atomic():
            source, _ = Source.objects.get_or_create(url=WORLD_BANK_SOURCE["url"], defaults=WORLD_BANK_SOURCE)
            rate_source, _ = Source.objects.get_or_create(url=ECB_SOURCE["url"], defaults=ECB_SOURCE)
            created = 0
            for row in rows:
                rate = rates.nearest("USD", row.year)
                _, new = GdpFigure.objects.update_or_create(
                    country_code=row.country_code,
                    year=row.year,
                    defaults={
                        "country_name": row.country_name,
                        "usd": row.usd,
                        "usd_per_eur": rate.units_per_eur,
                        "rate_year": rate.year,
                        "eur": usd_to_eur(row.usd, rate.units_per_eur),
                        "source": source,
                        "rate_source": rate_source,
                    },
                )
                created += new
        self.stdout.write(
            f"{len(rows)} GDP figures from {path} ({created} new; {regions} rows of regions left out)."
        )
