"""One definition of each list of the site, read by its HTML page and by the JSON API.

A list is its FilterSet (filters, sorting, search), its rows in their default order,
and what is computed over the whole filtered set (the pledges' totals). The page
(core/lists.render_list) and the API (api/) both start from the same `Listing`, so a
query string selects the same rows, in the same order, in either.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.lists import FilteredList, filter_list


@dataclass(frozen=True)
class Listing:
    filterset_class: type
    rows: Callable  # () -> the list's queryset, in its default order
    totals: Callable | None = None  # (filtered queryset) -> figures of the whole filtered set

    def filtered(self, data, request=None) -> FilteredList:
        return filter_list(data, filterset_class=self.filterset_class, queryset=self.rows(), request=request)
