"""FilterSet → queryset → paginator → template, the same way for every list page.

Filters, sorting (the `sort` parameter of each FilterSet) and paging all live in the
URL, so a view can be bookmarked and shared. Bad values never raise: the page says
what was wrong, ignores it, and answers 400.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils.functional import cached_property

from core.cache import cached
from core.filters import SearchFilter
from core.pages import cached_page
from core.search import SEARCH_CANDIDATES, bounded

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50
DEEP_PAGE_ROWS = 500  # from this many rows skipped, a page's keys are found first (CachedCountPaginator)
PLEDGES_SHOWN = 50  # the latest on a detail page (a party's, a programme's); the pledges list has them all


@dataclass
class FilteredList:
    filterset: object
    queryset: object
    errors: list[str] = field(default_factory=list)

    @property
    def summary(self) -> list[tuple[str, str]]:
        """(label, value) of every active filter, in plain words, for the list's heading."""
        if not self.filterset.is_bound:
            return []
        form = self.filterset.form
        cleaned = getattr(form, "cleaned_data", {})
        active = []
        for name, form_field in form.fields.items():
            value = cleaned.get(name)
            if name == "sort" or value in (None, "", [], ()) or (isinstance(value, QuerySet) and not value):
                continue  # (an unused choice of several rows cleans to an empty queryset)
            active.append((str(form[name].label), self._describe(form_field, value)))
        return active

    @property
    def searched(self) -> bool:
        """Whether a full-text search is among the filters (its matches are then `bounded`)."""
        cleaned = getattr(self.filterset.form, "cleaned_data", {})
        return any(
            isinstance(spec, SearchFilter) and str(cleaned.get(name) or "").strip()
            for name, spec in self.filterset.filters.items()
        )

    @staticmethod
    def _describe(field, value) -> str:
        """A filter value in words: a row's name, a choice's label, or the value itself."""
        if isinstance(field, forms.ModelMultipleChoiceField):
            return " or ".join(str(row) for row in value)  # the chosen rows only, not every choice
        if isinstance(field, forms.ModelChoiceField):
            return str(value)  # the chosen row; listing the choices would read the whole table
        labels = dict(getattr(field, "choices", None) or [])
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)


def filter_list(data, *, filterset_class, queryset, request=None) -> FilteredList:
    """Apply a FilterSet to query parameters; invalid parameters are reported and ignored."""
    filterset = filterset_class(data or None, queryset=queryset, request=request)
    errors = []
    if filterset.is_bound and not filterset.is_valid():
        for name, messages in filterset.form.errors.items():
            label = filterset.form.fields[name].label if name in filterset.form.fields else name
            errors.extend(f"{label}: {message}" for message in messages)
    return FilteredList(filterset=filterset, queryset=filterset.qs, errors=errors)


class CachedCountPaginator(Paginator):
    """Counts the filtered rows once per data version, not on every page view; a count
    the page already has (its totals') is used as it is, so the set is counted once."""

    def __init__(self, object_list, per_page, *, count: int | None = None, keys_first: bool = False):
        super().__init__(object_list, per_page)
        self.keys_first = keys_first
        if count is not None:
            self.__dict__["count"] = count

    @cached_property
    def count(self):
        return cached("list-count", self.object_list.count, params=str(self.object_list.query))

    def page(self, number):
        """A deep page skips its OFFSET rows in a narrow index (the sort's), not in the
        table: the keys of the page are found first, then only those rows are read. So
        is every page of a bounded search (`keys_first`): its candidates are ranked
        alone, and only the page's rows are joined to what the page shows."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEEP_PAGE_ROWS and not self.keys_first:
            return super().page(number)
        keys = self.object_list.values("pk")[bottom : bottom + self.per_page]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


def paginate(
    queryset, params, *, count: int | None = None, keys_first: bool = False
) -> tuple[Page, list[str]]:
    """The requested page; an unknown page or size gives the nearest valid one and a message."""
    errors = []
    size = params.get("per_page", str(DEFAULT_PAGE_SIZE))
    if size not in {str(s) for s in PAGE_SIZES}:
        errors.append(
            f"Page size must be one of {', '.join(map(str, PAGE_SIZES))}; showing {DEFAULT_PAGE_SIZE}."
        )
        size = DEFAULT_PAGE_SIZE
    paginator = CachedCountPaginator(queryset, int(size), count=count, keys_first=keys_first)
    number = params.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= paginator.num_pages:
        errors.append(f"There is no page {number[:20]!r}; showing page 1 of {paginator.num_pages}.")
        number = 1
    return paginator.page(int(number)), errors


@cached_page
def render_list(request, template: str, *, filterset_class, queryset, context_for=None):
    """Render a filtered, sorted, paginated list page (status 400 when a parameter was bad).

    `context_for(filtered_queryset)` adds what depends on the whole filtered set, such as
    totals; a `total_count` among them is the paginator's count too.

    A search matching more than SEARCH_CANDIDATES rows lists (ranks, counts, totals)
    its newest SEARCH_CANDIDATES matches, and the page says so (`search_capped`).
    """
    filtered = filter_list(request.GET, filterset_class=filterset_class, queryset=queryset, request=request)
    listed, capped = (
        bounded(filtered.queryset, SEARCH_CANDIDATES) if filtered.searched else (filtered.queryset, False)
    )
    totals = context_for(listed) if context_for else {}
    count = totals.get("total_count", SEARCH_CANDIDATES if capped else None)
    page, page_errors = paginate(listed, request.GET, count=count, keys_first=capped)
    errors = filtered.errors + page_errors
    context = {
        "filter": filtered.filterset,
        "filtered": filtered,
        "page": page,
        "errors": errors,
        "page_sizes": PAGE_SIZES,
        "search_capped": SEARCH_CANDIDATES if capped else None,
        **totals,
    }
    return render(request, template, context, status=400 if errors else 200)
