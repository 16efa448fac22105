"""Every list's related-row filters take several rows at once (?donor=a&donor=b):
the rows related to any of them, on the page and in its CSV; before, the last
value silently won."""

import csv
import io
import re
from itertools import permutations

import pytest
from django.http import QueryDict

from agreements.filters import AgreementFilter, MilestoneFilter
from core.filters import SlugsFilter
from donors.filters import PartyFilter
from pledges.filters import PledgeFilter, ProgrammeFilter
from sources.filters import SourceFilter

pytestmark = pytest.mark.usefixtures("seeded")

LISTS = {
    "/agreements/": AgreementFilter,
    "/timeline/": MilestoneFilter,
    "/parties/": PartyFilter,
    "/pledges/": PledgeFilter,
    "/programmes/": ProgrammeFilter,
    "/sources/": SourceFilter,
}
MULTIPLE = [
    (url, filterset, name)
    for url, filterset in LISTS.items()
    for name, each in filterset.base_filters.items()
    if isinstance(each, SlugsFilter)
]


def rows_of(filterset, name, slug):
    model = filterset._meta.model
    return set(model.objects.filter(**{f"{filterset.base_filters[name].field_name}__slug": slug}))


def two_slugs_with_different_rows(filterset, name):
    """Two choices each selecting rows the other does not, so that taking only the first or
    only the last shows; where the data has no such pair (every pledge's recipient is
    Ukraine), one with rows and then one without, so taking only the last shows."""
    slugs = [row.slug for row in filterset.base_filters[name].queryset.order_by("slug")]
    pairs = [
        (a, b, rows_of(filterset, name, a), rows_of(filterset, name, b)) for a, b in permutations(slugs, 2)
    ]
    for first, second, a, b in sorted(pairs, key=lambda pair: not (pair[3] - pair[2])):
        if a - b:
            return first, second, a | b
    pytest.fail(f"the shipped data has no two {name} choices with different rows")


def test_every_party_filter_of_every_list_takes_several():
    party_filters = {
        (url, name)
        for url, filterset in LISTS.items()
        for name, each in filterset.base_filters.items()
        if getattr(each, "queryset", None) is not None and each.queryset.model._meta.model_name == "party"
    }
    assert party_filters and party_filters <= {(url, name) for url, _, name in MULTIPLE}


@pytest.mark.parametrize("url, filterset, name", MULTIPLE, ids=lambda v: getattr(v, "__name__", v))
def test_several_values_select_the_rows_of_any(client, url, filterset, name):
    first, second, expected = two_slugs_with_different_rows(filterset, name)
    query = f"{name}={first}&{name}={second}"
    rows = filterset(QueryDict(query), queryset=filterset._meta.model.objects.all()).qs
    listed = list(rows)
    assert len(listed) == len(set(listed)) and set(listed) == expected

    page = client.get(f"{url}?{query}")
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{len(expected)} " in text
    for slug in (first, second):
        assert f'<option value="{slug}" selected>' in text  # the form shows both chosen
    summary = re.search(r'<p class="summary"[^>]*>(.*?)</p>', text, re.S).group(1)
    assert summary.count("</strong> is <strong>") == 1 and " or " in summary  # this filter only, both named

    export = client.get(f"{url}export.csv?{query}")
    assert export.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))) == len(
        expected
    )


@pytest.mark.parametrize("url, filterset, name", MULTIPLE, ids=lambda v: getattr(v, "__name__", v))
def test_an_unknown_value_among_several_is_named_and_changes_nothing(client, url, filterset, name):
    known = filterset.base_filters[name].queryset.order_by("slug").first().slug
    page = client.get(f"{url}?{name}={known}&{name}=no-such-row")
    assert page.status_code == 400
    assert "no-such-row" in page.content.decode()
