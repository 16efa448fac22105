import os

import pytest
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Generated-input tests: a modest budget by default so CI stays fast (tens of examples a
# test, a few hundred in all); HYPOTHESIS_PROFILE=thorough runs many more locally.
hypothesis_settings.register_profile(
    "ci", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
hypothesis_settings.register_profile(
    "thorough", parent=hypothesis_settings.get_profile("ci"), max_examples=1000
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Passwords hashed with MD5 in tests: PBKDF2's million rounds cost a quarter of a CPU
    second per user created or logged in with a password (70-odd tests do), and no test is
    about the strength of the hash. Production keeps Django's default."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def commit_checks():
    """Run the checks PostgreSQL defers to commit now, as a commit would.

    Tests run inside a transaction that is rolled back, so deferred constraint
    triggers would otherwise never fire.
    """

    def run():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    return run


def commit_callbacks():
    """Run what the test transaction queued for its commit (the data-version advance,
    core/cache.py) and forget it, as a commit would: what the test wrote so far counts
    as committed, so cached pages are cached again."""
    queued, connection.run_on_commit[:] = connection.run_on_commit[:], []
    for _, callback, _ in queued:
        callback()


@pytest.fixture
def as_committed():
    return commit_callbacks


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):
    """The shipped data/, in each test module inside a transaction that is rolled back
    when the module ends; each test runs in its own savepoint within it."""
    from django.db import transaction

    from tests.shipped_data import load_shipped_data

    with django_db_blocker.unblock(), transaction.atomic():
        load_shipped_data()
        commit_callbacks()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db):
    """The database as `make run` leaves it: exchange rates and the data/ files."""


@pytest.fixture
def editor(client, db):
    """A member of the Editors group, logged in on `client`."""
    from django.contrib.auth.models import Group, User

    from core.permissions import EDITORS_GROUP

    user = User.objects.create_user("editor-1", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a freshly started process does."""
    from django.core.cache import cache

    cache.clear()
