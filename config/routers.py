"""Reads from the replica, writes to the primary (used when REPLICA_DATABASE_URL is set).

A replica lags the primary a little, so a user who has just written reads from the
primary for REPLICA_PIN_SECONDS afterwards (a cookie set by PinToPrimaryMiddleware),
and so does every request that may write (POST and the like): they never see a figure
older than their own write.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "primary_until"
_pinned = ContextVar("pinned_to_primary", default=False)


def pinned_to_primary() -> bool:
    return _pinned.get()


@contextmanager
def reads_from_primary():
    """Every read in the block goes to the primary (a release reads its one snapshot there)."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        # A read inside a write's transaction must see that write: stay on the primary.
        instance = hints.get("instance")
        if instance is not None and instance._state.db == "default":
            return "default"
        if _pinned.get() or REPLICA not in settings.DATABASES:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication


class PinToPrimaryMiddleware:
    """Sends a request's reads to the primary when it may write or its user just wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        token = _pinned.set(writes or self.recently_wrote(request))
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if writes and REPLICA in settings.DATABASES:
            seconds = settings.REPLICA_PIN_SECONDS
            until = f"{time.time() + seconds:.0f}"
            response.set_cookie(PIN_COOKIE, until, max_age=seconds, httponly=True, samesite="Lax")
        return response

    @staticmethod
    def recently_wrote(request) -> bool:
        try:
            return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
        except ValueError:
            return False
