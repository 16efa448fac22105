from django.core.management import call_command
from django.core.management.base import BaseCommand
from simple_history.models import registered_models

from agreements.models import Agreement
from donors.models import GdpFigure
from pledges.models import ExchangeRate


def record_missing_history() -> int:
    """Give every tracked row without history its first revision ("created").

    loaddata writes raw rows, which django-simple-history does not record (though it
    does record their many-to-many changes, so a per-model check would skip rows).
    """
    created = 0
    for model in registered_models.values():
        history = getattr(model, "history", None)
        if history is None:  # an m2m through table, tracked through its parent
            continue
        missing = model._default_manager.exclude(pk__in=history.values("id"))
        created += len(
            history.bulk_history_create(list(missing), default_change_reason="loaded from fixture")
        )
    return created


class Command(BaseCommand):
    help = (
        "Fill an empty database: the ECB rate table (fixtures/exchange_rates.json, made by "
        "load_ecb_rates), the GDP table (fixtures/world_bank_gdp.csv, by load_gdp) and the "
        "curated data/ files (data_load). Data already present is kept, "
        "so local edits survive; --force loads data/ anyway (data_load updates rows in place)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="load data/ even if data is present")

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if not ExchangeRate.objects.exists():
            call_command("loaddata", "exchange_rates", verbosity=verbosity)
            self.stdout.write(f"History: {record_missing_history()} first revisions recorded.")
        if not GdpFigure.objects.exists():
            call_command("load_gdp", verbosity=verbosity)
        if Agreement.objects.exists() and not options["force"]:
            self.stdout.write("data/: data present, skipped (data_load loads changes).")
            return
        call_command("data_load", verbosity=verbosity)
