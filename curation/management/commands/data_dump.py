from pathlib import Path

from django.core.management.base import BaseCommand

from curation.dump import dump
from curation.files import data_dir


class Command(BaseCommand):
    help = "Write the database back into data/ (or --data), sorted and formatted stably."

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=None, help="folder to write (default: data/)")

    def handle(self, *args, **options):
        root = options["data"] or data_dir()
        self.stdout.write(f"{dump(root)} files written to {root}.")
