from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.permissions import EDITED_APPS, EDITORS_GROUP, grant_editor_permissions


def create_editors_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the
    # group can be given them on a fresh database.
    for app_label in EDITED_APPS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    grant_editor_permissions(group, Permission)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("agreements", "0002_bilateral_has_two_parties"),
        ("donors", "0001_initial"),
        ("pledges", "0002_initial"),
        ("sources", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
