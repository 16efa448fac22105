from django.core.management import call_command
from django.core.management.base import BaseCommand
from simple_history.models import registered_models

from agreements.models import Agreement
from pledges.models import ExchangeRate

# Rates and their ECB source first, then the facts from the seed articles.
FIXTURES = [("exchange_rates", ExchangeRate), ("seed", Agreement)]


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
        "Load the shipped fixtures into an empty database and record their first history. "
        "A fixture whose table already holds rows is skipped, so local edits survive; --force reloads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even if data is present")

    def handle(self, *args, **options):
        for fixture, model in FIXTURES:
            if model.objects.exists() and not options["force"]:
                self.stdout.write(f"{fixture}: data present, skipped (use --force to reload).")
                continue
            call_command("loaddata", fixture, verbosity=options["verbosity"])
        self.stdout.write(f"History: {record_missing_history()} first revisions recorded.")
