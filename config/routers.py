"""Reads from the replica, writes to the primary (used when REPLICA_DATABASE_URL is set)."""

from django.conf import settings

REPLICA = "replica"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        # A read inside a write's transaction must see that write: stay on the primary.
        instance = hints.get("instance")
        if instance is not None and instance._state.db == "default":
            return "default"
        return REPLICA if REPLICA in settings.DATABASES else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication
