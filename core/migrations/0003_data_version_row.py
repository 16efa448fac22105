from django.db import migrations, models


class Migration(migrations.Migration):
    """The data version moves from reading the sequence to a one-row table that the
    sequence fills (core/cache.py): a replica shows a table row as the primary
    committed it, a sequence only every 32 values."""

    dependencies = [("core", "0002_data_version")]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField()),
            ],
            options={"db_table": "core_data_version_row", "managed": False},
        ),
        migrations.RunSQL(
            "CREATE TABLE core_data_version_row (id bigint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);"
            "INSERT INTO core_data_version_row (id, version) VALUES (1, nextval('core_data_version'));",
            "DROP TABLE core_data_version_row;",
        ),
    ]
