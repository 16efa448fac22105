from django.db import migrations


class Migration(migrations.Migration):
    """A sequence, not a table: nextval() is never rolled back, so a version number is
    never reused for different data (core/cache.py)."""

    dependencies = [("core", "0001_editors_group")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE core_data_version; SELECT nextval('core_data_version');",
            "DROP SEQUENCE core_data_version;",
        ),
    ]
