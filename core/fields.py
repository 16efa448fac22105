"""Model fields shared by the apps."""

from django.db import models
from django.db.models.functions import Now


def updated_at_field() -> models.DateTimeField:
    """When the row last changed: set by every save, and by PostgreSQL for rows written
    without one (loaddata of a fixture that predates the column), so it is never empty."""
    return models.DateTimeField(auto_now=True, db_default=Now())
