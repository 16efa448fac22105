import os

import pytest
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key, validate_django_db

from tests import shipped_data

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


@pytest.fixture(scope="session")
def _seeded_session(django_db_setup, django_db_blocker):
    """Rolls the shipped data back at the session's end, before the test database is dropped."""
    yield
    with django_db_blocker.unblock():
        shipped_data.unload()


@pytest.fixture(scope="module")
def _seeded_module(_seeded_session, django_db_blocker):
    """The shipped data/ (loaded once per session, tests/shipped_data.py), in a savepoint
    for each test module that is rolled back when the module ends; each test runs in its
    own savepoint within it."""
    with django_db_blocker.unblock():
        shipped_data.enter_module(on_load=commit_callbacks)
    yield
    with django_db_blocker.unblock():
        shipped_data.leave_module()


@pytest.fixture
def seeded(_seeded_module, db):
    """The database as `make run` leaves it: exchange rates and the data/ files."""
    assert shipped_data.loaded(), "the shipped data was rolled back under this module's seeded tests"


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "_django_db_helper" in item.fixturenames


def _order(item) -> int:
    """0: database tests in a rolled-back transaction, 1: those of them that use the shipped
    data, 2: transactional tests (real commits) and tests without the database."""
    if _asks_for_shipped_data(item):
        return 1
    marker = item.get_closest_marker("django_db")
    transaction, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    fixtures = item.fixturenames
    if transaction or reset_sequences or "transactional_db" in fixtures or "live_server" in fixtures:
        return 2
    return 0 if _uses_database(item) else 2


def _asks_for_shipped_data(item) -> bool:
    return "_seeded_module" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that uses the database but not the shipped data gets it empty: the session's
    load is rolled back before its database fixtures start (a later seeded test loads it again)."""
    if shipped_data.loaded() and _uses_database(item) and not _asks_for_shipped_data(item):
        with item.config.stash[blocking_manager_key].unblock():
            shipped_data.unload()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (database tests, then transactional, then the rest), the
    tests that use the shipped data come last among the database tests, so it is loaded once
    per session (per worker) and rolled back once, before the transactional tests."""
    items.sort(key=_order)  # stable: pytest-django's order holds within each class


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
