import pytest
from django.db import connection


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
    """The shipped data/, in each test module inside a transaction that is rolled back
    when the module ends; each test runs in its own savepoint within it."""
    from django.db import transaction

    from tests.shipped_data import load_shipped_data

    with django_db_blocker.unblock(), transaction.atomic():
        load_shipped_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db):
    """The database as `make run` leaves it: exchange rates and the data/ files."""


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a freshly started process does."""
    from django.core.cache import cache

    cache.clear()
