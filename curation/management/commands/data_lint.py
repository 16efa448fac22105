from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curation.files import data_dir, read_dataset


class Command(BaseCommand):
    help = (
        "Check every file in data/ against its schema and every reference it makes; "
        "print each error with its file, line and field. Writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=None, help="folder to check (default: data/)")

    def handle(self, *args, **options):
        dataset = read_dataset(options["data"] or data_dir())
        for error in dataset.errors:
            self.stderr.write(str(error))
        if dataset.errors:
            raise CommandError(f"{len(dataset.errors)} errors in {dataset.root}.")
        count = sum(len(files) for files in dataset.files.values())
        self.stdout.write(f"{count} files in {dataset.root}: no errors.")
