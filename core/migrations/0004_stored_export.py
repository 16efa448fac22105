from django.db import migrations


class Migration(migrations.Migration):
    """Whole-table CSV downloads kept under the data version (core/stored_exports.py).

    The parts are stored EXTERNAL: the CSV is written and read whole, so compressing it
    on the way in and out would only cost time."""

    dependencies = [("core", "0003_data_version_row")]

    operations = [
        migrations.RunSQL(
            """
            CREATE TABLE core_stored_export_part (
                build uuid NOT NULL, part integer NOT NULL, name text NOT NULL, version bigint NOT NULL,
                data bytea NOT NULL, PRIMARY KEY (build, part)
            );
            ALTER TABLE core_stored_export_part ALTER COLUMN data SET STORAGE EXTERNAL;
            CREATE INDEX core_stored_export_part_name ON core_stored_export_part (name, version);
            CREATE TABLE core_stored_export (
                name text NOT NULL, version bigint NOT NULL, build uuid NOT NULL,
                made_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, version)
            );
            """,
            "DROP TABLE core_stored_export; DROP TABLE core_stored_export_part;",
        ),
    ]
