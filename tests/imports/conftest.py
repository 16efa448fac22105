import pytest


@pytest.fixture
def editor_client(client, editor):
    """A client logged in as a member of the Editors group (view, add, change; never delete)."""
    return client
