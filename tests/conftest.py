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


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):
    """The shipped fixtures, loaded once per test module inside a transaction that is
    rolled back when the module ends; each test runs in its own savepoint within it."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db):
    """The database as `make run` leaves it: exchange rates and the seed facts."""


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a freshly started process does."""
    from django.core.cache import cache

    cache.clear()
