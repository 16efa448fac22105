"""A list's search is ranked, counted and totalled over a bounded set of candidates.

With more matches than core.lists.SEARCH_CANDIDATES (made small here), every searched
list holds the newest matches of the whole filter (every other filter included), in
the order the full search gives them, on every page; the page says more match; the
pledges' totals are those of the listed rows; the CSV still holds every match. With
fewer matches, nothing changes.
"""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.http import QueryDict

import core.lists
from agreements.filters import AgreementFilter
from donors.filters import PartyFilter
from pledges.filters import PledgeFilter, ProgrammeFilter
from pledges.models import Pledge
from sources.filters import SourceFilter

pytestmark = pytest.mark.usefixtures("seeded")

LISTS = [
    ("/pledges/", PledgeFilter),
    ("/agreements/", AgreementFilter),
    ("/programmes/", ProgrammeFilter),
    ("/parties/", PartyFilter),
    ("/sources/", SourceFilter),
]
WORDS = ("ukraine", "security", "support", "agreement", "defence", "military", "fund", "republic", "kingdom")


def common_word(filterset_class, at_least: int) -> str:
    """A word of the shipped data that the list's search matches at least `at_least` times."""
    model = filterset_class._meta.model
    for word in WORDS:
        if model.objects.search(word).count() >= at_least:
            return word
    pytest.skip(f"no word matches {at_least} rows of {model.__name__}")


def listed(client, url: str) -> tuple[list, object]:
    """Every row of every page of a list (25 a page), and the first page's response."""
    first = client.get(f"{url}&per_page=25")
    assert first.status_code == 200, url
    rows = []
    for number in range(1, first.context["page"].paginator.num_pages + 1):
        rows += list(client.get(f"{url}&per_page=25&page={number}").context["page"])
    return rows, first


def expected_rows(filterset_class, params: dict, limit: int) -> list:
    """The full search's rows, its order kept, cut to the `limit` newest matches."""
    full = filterset_class(params, queryset=filterset_class._meta.model.objects.all()).qs
    newest = set(full.order_by("-pk").values_list("pk", flat=True)[:limit])
    return [row for row in full if row.pk in newest]


def assert_same_list(rows: list, expected: list, filterset_class, params: dict):
    """The same rows in the same order; rows that tie on the sort (two equal amounts) may
    come in either order, as in any list."""
    ordering = filterset_class(params, queryset=filterset_class._meta.model.objects.all()).qs.query.order_by

    def key(row):
        return tuple(getattr(row, term.lstrip("-")) for term in ordering)

    assert sorted(row.pk for row in rows) == sorted(row.pk for row in expected)
    assert [key(row) for row in rows] == [key(row) for row in expected]


@pytest.mark.parametrize("url, filterset_class", LISTS, ids=[url for url, _ in LISTS])
def test_a_search_with_more_matches_lists_its_newest_candidates_in_the_full_order(
    client, monkeypatch, url, filterset_class
):
    word = common_word(filterset_class, 4)
    matches = filterset_class._meta.model.objects.search(word).count()
    for limit in sorted({2, matches - 1, min(matches - 1, 30)}):
        monkeypatch.setattr(core.lists, "SEARCH_CANDIDATES", limit)
        cache.clear()
        rows, response = listed(client, f"{url}?q={word}")
        assert_same_list(
            rows, expected_rows(filterset_class, {"q": word}, limit), filterset_class, {"q": word}
        )
        assert response.context["page"].paginator.count == limit == response.context["search_capped"]
        assert f"More than {limit} " in response.text


@pytest.mark.parametrize("url, filterset_class", LISTS, ids=[url for url, _ in LISTS])
def test_a_search_with_few_matches_is_listed_whole(client, monkeypatch, url, filterset_class):
    word = common_word(filterset_class, 1)
    matches = filterset_class._meta.model.objects.search(word).count()
    monkeypatch.setattr(core.lists, "SEARCH_CANDIDATES", matches)
    rows, response = listed(client, f"{url}?q={word}")
    assert_same_list(rows, expected_rows(filterset_class, {"q": word}, matches), filterset_class, {"q": word})
    assert response.context["page"].paginator.count == matches and not response.context["search_capped"]
    assert "More than" not in response.text


@pytest.mark.parametrize("extra", [{"sort": "-amount"}, {"sort": "announced"}, {"category": "military"}, {}])
def test_a_bounded_pledge_search_totals_the_listed_rows_and_exports_every_match(client, monkeypatch, extra):
    word = common_word(PledgeFilter, 4)
    params = {"q": word, **extra}
    matches = PledgeFilter(QueryDict(urlencode(params)), queryset=Pledge.objects.all()).qs.count()
    if matches < 3:
        pytest.skip("too few matches to bound")
    limit = matches - 1
    monkeypatch.setattr(core.lists, "SEARCH_CANDIDATES", limit)
    query = "&".join(f"{name}={value}" for name, value in params.items())
    rows, response = listed(client, f"/pledges/?{query}")
    expected = expected_rows(PledgeFilter, params, limit)
    assert_same_list(rows, expected, PledgeFilter, params)
    chosen = Pledge.objects.filter(pk__in=[row.pk for row in expected])
    assert response.context["total_count"] == limit
    assert response.context["total_eur"] == chosen.total_eur()
    export = client.get(f"/pledges/export.csv?{query}")
    exported = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(exported) - 1 == matches
