"""The API's lists select exactly the rows of the HTML lists, in the same order, with the
same counts and totals, for generated combinations of every filter, sort and search.

The filter values are drawn from the seeded data by the same generator as the CSV
exports' test (tests/exports/test_filtered_exports.py), so a new filter is covered here
without anyone adding it.
"""

import json

import pytest
from django.core.cache import cache
from hypothesis import given, settings
from hypothesis import strategies as st

from api.endpoints import ENDPOINTS
from tests.api.conftest import fetch_all
from tests.exports.test_filtered_exports import FILTERSETS, _plain_paths, filter_values

LISTED = [endpoint for endpoint in ENDPOINTS if endpoint.listing is not None]
MAX_FILTERS = 3


@pytest.fixture(scope="module")
def page_paths(_seeded_module, django_db_blocker):
    """{FilterSet class: path of the HTML list that renders it first}."""
    from django.test import Client

    paths = {}
    with django_db_blocker.unblock():
        for path in _plain_paths():
            response = Client().get(path)
            if (
                response.status_code == 200
                and response.context is not None
                and "filtered" in response.context
            ):
                paths.setdefault(type(response.context["filter"]), path)
    return paths


_VALUES = {}


def _values(filterset_class) -> dict[str, list[str]]:
    if filterset_class not in _VALUES:
        filters = filterset_class.base_filters
        _VALUES[filterset_class] = {
            name: filter_values(filterset_class, name, spec) for name, spec in filters.items()
        }
    return _VALUES[filterset_class]


def test_every_filtered_list_of_the_site_is_in_the_api():
    assert {endpoint.listing.filterset_class for endpoint in LISTED} == set(FILTERSETS)


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("endpoint", LISTED, ids=lambda endpoint: endpoint.name)
@settings(max_examples=25)
@given(data=st.data())
def test_api_list_equals_html_list(client, page_paths, endpoint, data):
    values = _values(endpoint.listing.filterset_class)
    names = data.draw(st.lists(st.sampled_from(sorted(values)), max_size=MAX_FILTERS, unique=True))
    params = {name: data.draw(st.sampled_from(values[name]), label=name) for name in names}
    cache.clear()  # the page's context is read, and a kept page has none
    page = client.get(page_paths[endpoint.listing.filterset_class], params)
    api = client.get(f"/api/v1/{endpoint.name}/", {**params, "per_page": 1000})
    if page.status_code != 200:  # a value the page refuses, the API refuses too
        assert page.status_code == api.status_code == 400, params
        return
    selected = page.context["filtered"].queryset
    ordering = [*selected.query.order_by] or list(selected.model._meta.ordering)
    if ordering[-1:] not in (["pk"], ["-pk"]):
        ordering.append("pk")  # the page's order, ties broken by id (as the API promises)
    expected = list(selected.order_by(*ordering).values_list("pk", flat=True))
    records, body = fetch_all(client, f"/api/v1/{endpoint.name}/", **params)
    key = endpoint.table.columns[0].name
    assert [record[key] for record in records] == expected, params
    assert body["count"] == page.context["page"].paginator.count == len(expected)
    if "total_eur" in page.context:  # the pledges' totals, from the same pledge_totals
        shown = page.context["total_eur"]
        assert body["totals"]["total_eur"] == (None if shown is None else str(shown))
        assert [(row["currency"], row["total"]) for row in body["totals"]["totals_by_currency"]] == [
            (row["currency"], str(row["total"])) for row in page.context["totals_by_currency"]
        ]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("endpoint", [e for e in LISTED if e.facets], ids=lambda endpoint: endpoint.name)
def test_facet_counts_are_the_counts_of_the_filtered_rows(client, endpoint):
    values = _values(endpoint.listing.filterset_class)
    for name in endpoint.facets:
        for value in values[name][:3]:
            body = json.loads(
                client.get(
                    f"/api/v1/{endpoint.name}/", {name: value, "facets": ",".join(endpoint.facets)}
                ).content
            )
            records, _ = fetch_all(client, f"/api/v1/{endpoint.name}/", **{name: value})
            ids = [record[endpoint.table.columns[0].name] for record in records]
            chosen = endpoint.model.objects.filter(pk__in=ids)
            for facet, path in endpoint.facets.items():
                expected = {}
                for row in chosen.values("pk", path).distinct():
                    expected.setdefault(row[path], set()).add(row["pk"])
                counted = {entry["value"]: entry["count"] for entry in body["facets"][facet]}
                assert counted == {value: len(pks) for value, pks in expected.items()}, (name, value, facet)
