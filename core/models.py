from django.db import models


class DataVersion(models.Model):
    """The one row holding the data version (core/cache.py); written only by raw SQL there.

    Unmanaged, so that test flushes leave it alone; migration core/0003 creates it.
    """

    version = models.BigIntegerField()

    class Meta:
        managed = False
        db_table = "core_data_version_row"

    def __str__(self):
        return f"data version {self.version}"
