"""Freezing the dataset as a numbered release (the `data_release` command)."""

import hashlib
import io
import json
import zipfile

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from config.routers import reads_from_primary
from core.cache import data_version
from core.csv_export import zip_chunks
from opendata.changelog import changes_between
from opendata.models import Release
from portal.datasets import dataset_files

CHANGELOG_FILE = "changelog.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def release_url(number: int) -> str:
    return settings.SITE_URL + reverse("opendata:release", args=[number])


def release_make() -> Release:
    """Write the next release: the whole-dataset ZIP as it is now, with its changelog since
    the previous release inside it, under one snapshot of the database.

    REPEATABLE READ (when the command opens the transaction) makes every table, the
    history and the data version read at one moment, so a write committed meanwhile is
    either wholly in this release's files or wholly in the next's. Known limit: a history
    row is dated when its row was saved, not when its transaction committed, so an edit
    saved before the cut-off but committed after it is in the next release's files and
    in neither changelog; release when no editor is mid-save (the command is run by hand).
    """
    outermost = not connection.in_atomic_block
    with reads_from_primary(), transaction.atomic():
        if outermost:  # the isolation level is set by a transaction's first statement
            _snapshot()
        # One release at a time: two commands at once would take the same number.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Release._meta.db_table} IN EXCLUSIVE MODE")
        previous = Release.objects.latest_release()
        number = previous.number + 1 if previous else 1
        cut_off = timezone.now()
        # The first release is the baseline: every row in it is new, so it lists none.
        changelog = changes_between(previous.cut_off, cut_off) if previous else []
        version = data_version("default")
        files = dataset_files(
            on=timezone.localdate(cut_off), data_version=version, url=release_url(number), release=number
        )
        changelog_json = json.dumps(
            {
                "release": number,
                "previous_release": previous.number if previous else None,
                "changes": changelog,
            },
            indent=1,
            ensure_ascii=False,
        )
        archive = b"".join(zip_chunks([*files, (CHANGELOG_FILE, iter([changelog_json + "\n"]))]))
        return Release.objects.create(
            number=number,
            cut_off=cut_off,
            data_version=version,
            archive=archive,
            archive_sha256=sha256(archive),
            files=list(_manifest(archive)),
            changelog=changelog,
        )


def _snapshot() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def _manifest(archive: bytes):
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        for name in opened.namelist():
            data = opened.read(name)
            yield {"name": name, "bytes": len(data), "sha256": sha256(data)}


def release_file(release: Release, name: str) -> bytes:
    """A file of a release, read out of its stored archive (the same bytes every time)."""
    with zipfile.ZipFile(io.BytesIO(bytes(release.archive))) as opened:
        return opened.read(name)
