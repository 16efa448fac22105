"""Each agreement page's yearly figures count each euro once, on the shipped data.

The defect: Norway's page counted 2024 twice, the year's part of the NOK 75 billion
Nansen programme and the 'at least NOK 13.5 billion' of 2024 that the agreement says is
allocated within those 75 billion. The expected figures here are computed in Python from
the rows and their links, not by PledgeQuerySet.counted, so the test checks the rule."""

from collections import defaultdict

from django.core.cache import cache

from agreements.models import Agreement
from pledges.models import Pledge, PledgeYear

PROMISED, ALLOCATED, DELIVERED = ("announced", "committed"), "allocated", "delivered"


def _larger_pledges(pledge, by_pk):
    """The pledges holding this one as a share, nearest first (its larger one, that one's...)."""
    chain, seen = [], {pledge.pk}
    while pledge.part_of_id and pledge.part_of_id not in seen:
        seen.add(pledge.part_of_id)
        pledge = by_pk.get(pledge.part_of_id) or Pledge.objects.get(pk=pledge.part_of_id)
        chain.append(pledge)
    return chain


def _counted_once(rows):
    """The rows a total adds: a share leaves out when a pledge holding it (at any level) is
    among the rows; an allocation or delivery when the commitment it fulfils, with a sum, is."""
    by_pk = {row.pk: row for row in rows}
    with_sum = {row.pk for row in rows if row.amount_eur is not None}
    return [
        row
        for row in rows
        if not any(larger.pk in by_pk for larger in _larger_pledges(row, by_pk))
        and row.fulfils_id not in with_sum
    ]


def _eur_by_year(rows) -> dict:
    totals = defaultdict(int)
    for part in PledgeYear.objects.filter(pledge__in=_counted_once(rows)):
        totals[part.year] += part.amount_eur
    return dict(totals)


def _page_by_year(client, agreement) -> dict:
    cache.clear()
    response = client.get(agreement.get_absolute_url())
    assert response.status_code == 200
    return {year: figures for year, *figures in response.context["by_year"]}


def test_norways_page_counts_2024_once_the_years_13_5_billion_inside_the_75_billion(seeded, client):
    programme = Pledge.objects.get(key="norway-2023-military-and-civilian-aid-nansen-support-programme")
    year_2024 = Pledge.objects.get(key="norway-2024-military-support-in-2024")
    assert year_2024.agreement_id == programme.agreement_id
    promised_2024 = _page_by_year(client, programme.agreement)[2024][0]
    assert promised_2024 == programme.years.get(year=2024).amount_eur
    assert promised_2024 < programme.years.get(year=2024).amount_eur + year_2024.amount_eur


def test_every_agreement_pages_years_count_each_euro_once(seeded, client):
    for agreement in Agreement.objects.filter(pledges__amount_eur__isnull=False).distinct():
        own = list(agreement.pledges.all())
        fulfilling = list(Pledge.objects.filter(fulfils__agreement=agreement).exclude(agreement=agreement))
        evidence = [row for row in own + fulfilling if row.status in (ALLOCATED, DELIVERED)]
        expected = {
            "promised": _eur_by_year([row for row in own if row.status in PROMISED]),
            "allocated": _eur_by_year([row for row in evidence if row.status == ALLOCATED]),
            "delivered": _eur_by_year([row for row in evidence if row.status == DELIVERED]),
        }
        page = _page_by_year(client, agreement)
        for column, name in enumerate(expected):
            shown = {year: figures[column] for year, figures in page.items() if figures[column] is not None}
            assert shown == expected[name], (agreement.slug, name)
