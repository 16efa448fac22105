"""Aggregates over whole tables (overview figures, pledge totals) cached until the data changes.

The cache key holds the data version, a PostgreSQL sequence that every write to the
tracked apps advances (migration core/0002). It lives in the database, so every
process and host sees a change at once whatever cache they share, and a sequence is
never rolled back, so a version number never comes back with other data. One cheap
query per page instead of a sum over a million rows.
"""

import hashlib
import threading
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection, transaction
from simple_history.models import HistoricalChanges

from core.permissions import EDITED_APPS

TIMEOUT = 24 * 3600


def data_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM core_data_version")
        return cursor.fetchone()[0]


def bump_data_version() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('core_data_version')")


def cached(name: str, compute, *, params: str = ""):
    """compute(), or its value from the cache while the data has not changed."""
    digest = hashlib.sha256(params.encode()).hexdigest()[:16]
    key = f"tracker:{name}:{data_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


_bulk = threading.local()


@contextmanager
def one_version_bump():
    """For a bulk writer (data_load): one bump for all its writes instead of one a row, at the
    end and again at commit, so no figure computed before the commit is kept."""
    _bulk.active = True
    try:
        yield
    finally:
        _bulk.active = False
        bump_data_version()
        transaction.on_commit(bump_data_version)


def data_changed(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed: a write to the data bumps the version.

    History rows are skipped: the change they record has already bumped it.
    """
    if getattr(_bulk, "active", False):
        return
    if sender._meta.app_label in EDITED_APPS and not issubclass(sender, HistoricalChanges):
        bump_data_version()
