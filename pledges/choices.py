"""The choices of a pledge's fields (models, forms, filters and exports read them)."""

from django.db import models


class PledgeCategory(models.TextChoices):
    MILITARY = "military", "military"
    FINANCIAL = "financial", "financial"
    HUMANITARIAN = "humanitarian", "humanitarian"
    MIXED = "mixed", "military and civilian"


class PledgeStatus(models.TextChoices):
    ANNOUNCED = "announced", "announced"
    COMMITTED = "committed", "committed"
    ALLOCATED = "allocated", "allocated"
    DELIVERED = "delivered", "delivered"
    CANCELLED = "cancelled", "cancelled"


class AmountBasis(models.TextChoices):
    TOTAL = "total", "in all over its period"
    PER_YEAR = "per_year", "each year of its period"


class AmountQualifier(models.TextChoices):
    EXACT = "exact", "exactly"
    AT_LEAST = "at_least", "at least"
    MORE_THAN = "more_than", "more than"
    UP_TO = "up_to", "up to"
    ABOUT = "about", "about"
    NEARLY = "nearly", "nearly"
