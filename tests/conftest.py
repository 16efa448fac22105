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
