"""The API's lists: every exported table, each with the filters, sorting, search and
totals of its HTML list where the site has one (the same `Listing`, core/listing.py)."""

from dataclasses import dataclass

import django_filters

from agreements.views import AGREEMENT_LIST, MILESTONE_LIST
from core.csv_export import Table
from core.filters import SlugFilter
from core.listing import Listing
from donors.views import PARTY_LIST
from pledges.views import PLEDGE_LIST, PROGRAMME_LIST
from portal.datasets import TABLES
from sources.views import SOURCE_LIST

LISTINGS = {
    "agreements": AGREEMENT_LIST,
    "milestones": MILESTONE_LIST,
    "parties": PARTY_LIST,
    "pledges": PLEDGE_LIST,
    "programmes": PROGRAMME_LIST,
    "sources": SOURCE_LIST,
}


@dataclass(frozen=True)
class Endpoint:
    table: Table
    listing: Listing | None  # None: a table the site shows on no filtered list

    @property
    def name(self) -> str:
        return self.table.name.replace("_", "-")

    @property
    def model(self):
        return self.table.model

    @property
    def by_slug(self) -> bool:
        """Records of tables with a slug are addressed by it, as their pages are."""
        return "slug" in self.table.header

    def rows(self):
        """The list's rows in its default order, before any filter."""
        if self.listing is not None:
            return self.listing.rows()
        return self.model._default_manager.order_by(*self.table.order_by)

    @property
    def facets(self) -> dict[str, str]:
        """{filter name: the path counted}: the list's filters that pick one stored value
        or one related row, whose counts over the filtered set are offered as facets."""
        if self.listing is None:
            return {}
        found = {}
        for name, spec in self.listing.filterset_class.base_filters.items():
            if isinstance(spec, SlugFilter):
                found[name] = f"{spec.field_name}__slug"
            elif isinstance(spec, django_filters.ChoiceFilter) and _is_column(self.model, spec.field_name):
                found[name] = spec.field_name
        return found


def _is_column(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


ENDPOINTS = [Endpoint(table, LISTINGS.get(table.name)) for table in TABLES]
ENDPOINTS_BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
