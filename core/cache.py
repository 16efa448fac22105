"""Aggregates over whole tables (overview figures, pledge totals) cached until the data changes.

The cache key holds the data version, a number in a one-row table (migration core/0003)
that every committed write to the tracked apps advances. Two rules keep a cached
figure from being older than the committed data:

- The version advances AFTER the write commits (transaction.on_commit), never inside
  the transaction: otherwise a reader in between would see the new version with the
  old data and cache old figures under it, for a day.
- The version is read from the database the data are read from (the replica when one
  is set, config/routers.py). A replica replays commits in order, so once it shows a
  version, it holds every write made before that version advanced. A table row, not a
  sequence: a standby shows a sequence's value only every 32 calls.

So a reader either sees the old version (and whatever it caches is dropped when the
version moves) or the new one together with the new data. The value comes from a
sequence, so a version number is never reused for other data. One cheap query per page
instead of a sum over a million rows.
"""

import hashlib
from functools import partial

from django.core.cache import cache
from django.db import connections, router, transaction
from simple_history.models import HistoricalChanges

from core.models import DataVersion
from core.permissions import EDITED_APPS

TIMEOUT = 24 * 3600
ADVANCE_SQL = """
    INSERT INTO core_data_version_row (id, version) VALUES (1, nextval('core_data_version'))
    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version
"""


def data_version(using: str | None = None) -> int:
    """The version of the committed data as the `using` database (by default the one
    reads go to) sees it."""
    using = using or router.db_for_read(DataVersion)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT version FROM core_data_version_row WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _advance(using: str) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute(ADVANCE_SQL)


def _advance_pending(using: str) -> bool:
    """Whether the open transaction on `using` has written data and will advance the version."""
    return any(
        getattr(callback, "func", None) is _advance and callback.args == (using,)
        for _, callback, _ in connections[using].run_on_commit
    )


def writes_pending(using: str) -> bool:
    """Whether the open transaction on `using` holds writes no one else sees yet."""
    return _advance_pending(using)


def bump_data_version(using: str = "default") -> None:
    """Advance the version once the current transaction on `using` commits (at once
    outside a transaction); once per transaction however many rows it writes."""
    if not _advance_pending(using):
        transaction.on_commit(partial(_advance, using), using=using)


def cached(name: str, compute, *, params: str = "", version: int | None = None):
    """compute(), or its value from the cache while the data has not changed (`version`:
    the data version when the caller has just read it, which saves reading it again)."""
    using = router.db_for_read(DataVersion)
    if _advance_pending(using):
        # This transaction sees writes no one else sees yet: neither serve it shared
        # figures that miss them nor share figures that hold them.
        return compute()
    digest = hashlib.sha256(params.encode()).hexdigest()[:16]
    key = f"tracker:{name}:{data_version(using) if version is None else version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def data_changed(sender, using="default", **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed: a write to the data advances
    the version when it commits.

    History rows are skipped: the change they record has already bumped it.
    """
    if sender._meta.app_label in EDITED_APPS and not issubclass(sender, HistoricalChanges):
        bump_data_version(using)
