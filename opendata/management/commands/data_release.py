from django.core.management.base import BaseCommand, CommandError

from core.cache import data_version
from opendata.models import Release
from opendata.releases import release_make, release_url


class Command(BaseCommand):
    help = (
        "Freeze the dataset as the next numbered release: the ZIP's bytes, each file's SHA-256 "
        "and the changelog since the previous release, served at /data/releases/<n>/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-none", action="store_true", help="only if there is no release yet (what make run does)"
        )
        parser.add_argument(
            "--even-if-unchanged", action="store_true", help="release although no write came since the last"
        )

    def handle(self, *args, if_none: bool, even_if_unchanged: bool, **options):
        latest = Release.objects.defer("archive").latest_release()
        if latest is not None and if_none:
            self.stdout.write(f"Release {latest.number} exists; none made.")
            return
        if latest is not None and not even_if_unchanged and latest.data_version == data_version("default"):
            raise CommandError(
                f"Nothing was written since release {latest.number}; --even-if-unchanged to release anyway."
            )
        release = release_make()
        self.stdout.write(
            f"Release {release.number}: {len(release.files)} files, {len(release.changelog)} changes, "
            f"sha256 {release.archive_sha256}, at {release_url(release.number)}"
        )
