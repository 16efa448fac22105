"""Admin search (and so the autocomplete boxes) that lists the closest matches first."""

from django.db.models import Case, IntegerField, Q, Value, When


class RankedSearchMixin:
    """Order search results: an exact match of a `ranked_fields` field first, then a
    prefix match, then the rest (the admin's contains-matches), each by name.

    Without it, "Ukraine" in the recipient box listed "LUkraine asbl" before Ukraine.
    """

    ranked_fields: list[str] = []

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = " ".join(search_term.split())
        if not term or not self.ranked_fields:
            return queryset, may_have_duplicates

        def any_field(lookup):
            condition = Q()
            for field in self.ranked_fields:
                condition |= Q(**{f"{field}__{lookup}": term})
            return condition

        rank = Case(
            When(any_field("iexact"), then=Value(0)),
            When(any_field("istartswith"), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        ordering = self.ordering or self.model._meta.ordering or ["pk"]
        return queryset.annotate(search_rank=rank).order_by("search_rank", *ordering), may_have_duplicates
