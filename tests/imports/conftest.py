import pytest


@pytest.fixture
def editor_client(client, django_user_model):
    """A client logged in as a member of the Editors group (view, add, change; never delete)."""
    from django.contrib.auth.models import Group

    from core.permissions import EDITORS_GROUP

    user = django_user_model.objects.create_user("editor-import", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return client
