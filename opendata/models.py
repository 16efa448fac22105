"""Numbered releases of the dataset: frozen bytes, their checksums and the changelog.

The ZIP's bytes are kept in the database (bytea), not in a media folder: the app has
no file storage to configure, a database backup carries the releases with the data
they describe, and a row once written is never rewritten (`Release.save` refuses), so
release 3's files are the same bytes a year later. Each file of the ZIP is served by
reading it out of the stored archive, whose members are stored as they were written.
"""

from django.db import models


class ReleaseQuerySet(models.QuerySet):
    def latest_release(self):
        return self.order_by("-number").first()


class Release(models.Model):
    number = models.PositiveIntegerField(unique=True, help_text="1, 2, 3, ...: the release's name.")
    cut_off = models.DateTimeField(help_text="The changes up to this moment are in the release.")
    data_version = models.BigIntegerField(
        help_text="The data version (core/cache.py) the files were read at."
    )
    archive = models.BinaryField(help_text="The whole-dataset ZIP, byte for byte as first served.")
    archive_sha256 = models.CharField(max_length=64)
    files = models.JSONField(help_text="Each file of the ZIP: name, bytes, sha256.")
    changelog = models.JSONField(help_text="Each change since the previous release (opendata/changelog.py).")

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="release_number_from_1")
        ]

    def __str__(self):
        return f"release {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A release is never changed: its files must stay byte-identical.")
        super().save(*args, **kwargs)

    @property
    def archive_name(self) -> str:
        return f"agreement-tracker-release-{self.number}.zip"

    def file(self, name: str) -> dict | None:
        return next((entry for entry in self.files if entry["name"] == name), None)
