"""Counting related rows for a page of results without grouping the whole table."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_of(model, link: str):
    """How many `model` rows point at each row: a correlated subquery, which PostgreSQL
    runs only for the rows a page shows, not for every row of a large table."""
    rows = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def cached_counts(model, field: str) -> dict:
    """{value of `field`: number of rows} over the whole table, cached until the data
    changes: one grouped count instead of one per row shown."""
    from core.cache import cached

    def compute():
        rows = model.objects.order_by().values_list(field).annotate(n=Count("pk"))
        return dict(rows)

    return cached(f"counts:{model._meta.label}:{field}", compute)
