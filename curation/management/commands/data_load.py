from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from curation.files import data_dir, read_dataset
from curation.load import LoadRefused, load_dataset


class Command(BaseCommand):
    help = (
        "Load data/ into the database in one transaction, through the write services (status, "
        "signing dates and EUR amounts derived as on an admin save), with history. Rows are updated "
        "in place by slug or key; rows missing from the files stop the load unless --purge."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=None, help="folder to load (default: data/)")
        parser.add_argument(
            "--purge", action="store_true", help="delete rows missing from the files, listing each"
        )

    def handle(self, *args, **options):
        dataset = read_dataset(options["data"] or data_dir())
        for error in dataset.errors:
            self.stderr.write(str(error))
        if dataset.errors:
            raise CommandError(f"{len(dataset.errors)} errors in {dataset.root}; nothing was loaded.")
        try:
            result = load_dataset(dataset, purge=options["purge"])
        except LoadRefused as error:
            raise CommandError(f"{error} Nothing was loaded.") from error
        except IntegrityError as error:  # a check PostgreSQL runs at commit, across rows
            raise CommandError(f"{error.args[0].strip()} Nothing was loaded.") from error
        for label in result["deleted"]:
            self.stdout.write(f"deleted {label}")
        self.stdout.write(
            f"{result['created']} rows created, {result['updated']} updated, "
            f"{len(result['deleted'])} deleted from {dataset.root}."
        )
