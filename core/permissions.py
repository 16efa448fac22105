"""The editors' group: enter and change data, never delete it."""

EDITORS_GROUP = "Editors"
EDITED_APPS = ["agreements", "donors", "pledges", "sources"]
EDITOR_ACTIONS = ["view", "add", "change"]


def grant_editor_permissions(group, permission_model) -> None:
    """Give the group view, add and change on every model of the data apps, and nothing else."""
    permissions = permission_model.objects.filter(
        content_type__app_label__in=EDITED_APPS,
        codename__regex=rf"^({'|'.join(EDITOR_ACTIONS)})_",
    ).exclude(codename__contains="_historical")
    group.permissions.set(permissions)
