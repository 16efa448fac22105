"""The data version advances when a write commits, read where the data are read:
no reader can cache a figure older than the committed data (core/cache.py).

Real transactions on real connections: each test commits, and the concurrent ones run
the writer in a thread of its own (its own connection), stepped by events, not sleeps.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections, transaction

from core.cache import data_version
from tests.factories import AgreementFactory, PartyFactory, PledgeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WAIT = 30  # seconds; only reached if a step never comes


def test_every_kind_of_write_advances_the_version_when_it_commits_not_before():
    def committed(write):
        before = data_version()
        with transaction.atomic():
            result = write()
            assert data_version() == before
        assert data_version() > before
        return result

    agreement = committed(AgreementFactory)
    committed(lambda: agreement.areas.create(name="New area", slug="new-area"))
    agreement.title = "Renamed"
    committed(agreement.save)
    committed(agreement.delete)


def test_a_transaction_advances_the_version_once_however_many_rows_it_writes():
    with transaction.atomic():
        agreement = AgreementFactory()
    before = data_version()
    with transaction.atomic():
        agreement.title = "Renamed once"
        agreement.save()  # and its history row
        AgreementFactory()
    assert agreement.history.first().title == "Renamed once"
    assert data_version() == before + 1


def write_in_a_thread(write, *, written: threading.Event, commit: threading.Event) -> threading.Thread:
    """Run write() in its own thread and transaction; set `written` before committing,
    then wait for `commit`."""
    failures = []

    def run():
        try:
            with transaction.atomic():
                write()
                written.set()
                assert commit.wait(WAIT)
        except BaseException as error:  # reported by the test thread
            failures.append(error)
            written.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.failures = failures
    thread.start()
    return thread


CACHED_FIGURES = {
    # page: what it shows from the cache (the overview is cached whole)
    "/pledges/?donor=donor": lambda response, donor: (
        response.context["total_eur"],
        response.context["total_count"],
    ),
    "/parties/": lambda response, donor: response.context["pledge_counts"].get(donor.pk),
    "/": lambda response, donor: response.content,
}


@pytest.mark.parametrize("url", CACHED_FIGURES)
def test_a_reader_during_a_write_cannot_cache_the_old_figure_under_the_new_version(client, url):
    donor, recipient = PartyFactory(slug="donor"), PartyFactory(slug="recipient")
    pledged = {"donor": donor, "recipient": recipient, "currency": "EUR", "eur_rate": 1}
    PledgeFactory(amount=Decimal(100), amount_eur=Decimal(100), **pledged)

    def figure():
        return CACHED_FIGURES[url](client.get(url), donor)

    before = figure()
    written, commit = threading.Event(), threading.Event()
    writer = write_in_a_thread(
        lambda: PledgeFactory(amount=Decimal(50), amount_eur=Decimal(50), **pledged),
        written=written,
        commit=commit,
    )
    assert written.wait(WAIT)
    during = figure()  # read, and cached, while the write is not committed
    commit.set()
    writer.join(WAIT)
    assert not writer.failures
    assert during == before
    assert figure() != before  # the committed pledge shows, not the figure cached during the write


@pytest.fixture
def replica(settings):
    """A second connection to the same database under the alias config/routers.py reads from."""
    default = connections["default"]
    connection = type(default)({**default.settings_dict}, alias="replica")
    connections["replica"] = connection
    settings.DATABASES = {**settings.DATABASES, "replica": connection.settings_dict}
    settings.DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
    yield connection
    connection.close()
    del connections["replica"]


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_with_a_replica_the_version_is_read_where_the_data_are(client, replica):
    donor = PartyFactory(slug="donor")
    PledgeFactory(donor=donor, amount=Decimal(100), amount_eur=Decimal(100), eur_rate=1)
    url = "/pledges/?donor=donor"

    # The replica lags: it shows the data as they were before the write commits
    # (a REPEATABLE READ snapshot is exactly a standby's past, consistent state).
    with transaction.atomic(using="replica"):
        with replica.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT 1 FROM core_data_version_row")
        with transaction.atomic():
            PledgeFactory(donor=donor, amount=Decimal(50), amount_eur=Decimal(50), eur_rate=1)
        lagging = client.get(url).context["total_eur"]  # committed on the primary, not yet replayed
        assert lagging == Decimal(100)
    # The replica has caught up: the figure must not be the one cached while it lagged.
    assert client.get(url).context["total_eur"] == Decimal(150)
