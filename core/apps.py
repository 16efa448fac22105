from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


def sync_editor_permissions(sender, app_config=None, using="default", apps=None, **kwargs):
    """After every migrate, give the Editors group view/add/change on every data model,
    including models added after the group was made (core/migrations/0001)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from core.permissions import EDITED_APPS, EDITORS_GROUP, grant_editor_permissions

    if app_config is None or app_config.label != "core":
        return
    for label in EDITED_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using)
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    grant_editor_permissions(group, Permission)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared building blocks"

    def ready(self):
        from core.cache import data_changed

        post_migrate.connect(sync_editor_permissions, sender=self)
        # Any write to the data invalidates cached aggregates (core/cache.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(data_changed, dispatch_uid=f"data-changed-{signal}")
