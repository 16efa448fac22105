from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.cache import data_version
from core.csv_export import zip_chunks
from portal.datasets import dataset_files


class Command(BaseCommand):
    help = (
        "Write the whole-dataset download to a folder: one CSV per table, data_dictionary.csv, "
        "README.txt, datapackage.json and the same files in agreement-tracker-<date>.zip."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="where to write (created if missing)")

    def handle(self, *args, folder: Path, **options):
        folder.mkdir(parents=True, exist_ok=True)
        today = date.today()
        made = {"on": today, "data_version": data_version(), "url": f"{settings.SITE_URL}/data/"}
        for name, chunks in dataset_files(**made):
            with open(folder / name, "w", encoding="utf-8", newline="") as file:
                file.writelines(chunks)
        archive = folder / f"agreement-tracker-{today.isoformat()}.zip"
        with open(archive, "wb") as file:
            file.writelines(zip_chunks(dataset_files(**made)))
        self.stdout.write(f"Wrote the dataset to {folder} and {archive.name}.")
