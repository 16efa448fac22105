"""The list machinery's shortcuts give exactly the rows and markup of the plain way."""

import re

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

import core.lists
from agreements.filters import AgreementFilter, MilestoneFilter
from agreements.models import Agreement
from core.filters import QuickSelect, QuickSelectMultiple, SlugFilter, SlugsFilter
from donors.filters import PartyFilter
from pledges.filters import PledgeFilter, ProgrammeFilter
from sources.filters import SourceFilter

pytestmark = pytest.mark.usefixtures("seeded")

FILTERSETS = [AgreementFilter, MilestoneFilter, PartyFilter, PledgeFilter, ProgrammeFilter, SourceFilter]
SLUG_FILTERS = [
    (filterset, name, slug_filter)
    for filterset in FILTERSETS
    for name, slug_filter in filterset.base_filters.items()
    if isinstance(slug_filter, SlugFilter | SlugsFilter)
]


def name_of(value):
    return getattr(value, "__name__", value)


def related_slugs(filterset, slug_filter):
    """Every slug the filter can be given, each with the rows that should match it."""
    model = filterset._meta.model
    for row in slug_filter.queryset.all():
        yield row.slug, model.objects.filter(**{slug_filter.field_name: row}).distinct()


@pytest.mark.parametrize("filterset, name, slug_filter", SLUG_FILTERS, ids=name_of)
def test_slug_filters_list_each_row_once_without_distinct(filterset, name, slug_filter):
    """SELECT DISTINCT over every column was what made a donor's pledges slow; each
    row must still be listed once through a to-many relation (a party's agreements)."""
    for slug, expected in related_slugs(filterset, slug_filter):
        rows = filterset(QueryDict(f"{name}={slug}"), queryset=filterset._meta.model.objects.all()).qs
        assert "DISTINCT" not in str(rows.query)
        listed = list(rows)
        assert len(listed) == len(set(listed)) and set(listed) == set(expected), (name, slug)


@pytest.mark.parametrize("filterset, name, slug_filter", SLUG_FILTERS, ids=name_of)
def test_quick_select_writes_what_the_django_select_writes(filterset, name, slug_filter):
    choices = list(slug_filter.field.choices)
    chosen = str(choices[-1][0])
    many = isinstance(slug_filter, SlugsFilter)
    plain = (forms.SelectMultiple if many else forms.Select)(choices=choices).render(name, chosen)
    quick = (QuickSelectMultiple if many else QuickSelect)(choices=choices).render(name, chosen)
    assert ("multiple" in quick) == many

    def options(html):
        return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)

    assert len(options(quick)) == len(choices)
    assert [o[0] for o in options(quick) if o[1]] == [chosen]
    # A choice of several lists the chosen first (a box four rows high shows them), the rest in order.
    expected = options(plain)
    if many:
        expected = [o for o in expected if o[1]] + [o for o in expected if not o[1]]
    assert options(quick) == expected


def test_the_pledges_list_counts_its_rows_once(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/pledges/?category=military").status_code == 200
    assert sum("COUNT(" in q["sql"] for q in queries.captured_queries) == 1


LISTS = ["/pledges/", "/agreements/", "/timeline/", "/sources/", "/pledges/?q=ukraine"]


@pytest.mark.parametrize("url", LISTS)
def test_deep_pages_hold_the_rows_of_the_plain_offset(client, monkeypatch, url):
    """From DEEP_PAGE_ROWS rows on, a page's keys are read first; the rows and their
    order are those of the plain OFFSET slice, on every page."""
    separator = "&" if "?" in url else "?"
    plain = []
    monkeypatch.setattr(core.lists, "DEEP_PAGE_ROWS", 10**9)
    pages = client.get(f"{url}{separator}per_page=25").context["page"].paginator.num_pages
    for number in range(1, pages + 1):
        plain.append(list(client.get(f"{url}{separator}per_page=25&page={number}").context["page"]))
    monkeypatch.setattr(core.lists, "DEEP_PAGE_ROWS", 0)
    from django.core.cache import cache

    cache.clear()
    for number in range(1, pages + 1):
        response = client.get(f"{url}{separator}per_page=25&page={number}")
        assert list(response.context["page"]) == plain[number - 1], number
    assert sum(map(len, plain)) == response.context["page"].paginator.count > 0


def test_an_agreement_with_two_pledges_through_a_programme_is_listed_once(client):
    from tests.factories import PledgeFactory

    agreement = Agreement.objects.filter(pledges__programme__isnull=False).first()
    programme = agreement.pledges.exclude(programme=None).first().programme
    PledgeFactory(agreement=agreement, programme=programme, donor=agreement.pledges.first().donor)
    listed = list(client.get(f"/agreements/?programme={programme.slug}&per_page=100").context["page"])
    assert listed.count(agreement) == 1
