"""Each filter narrows a list to exactly the rows it should."""

import pytest
from django.db.models import Q

from agreements.models import Agreement, Milestone
from donors.models import Party
from pledges.models import Pledge, Programme
from sources.models import Source

pytestmark = pytest.mark.usefixtures("seeded")


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.context.get("errors")
    return set(response.context["page"].object_list)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=signed", lambda: Agreement.objects.filter(status="signed")),
        ("status=in_force", lambda: Agreement.objects.filter(status="in_force")),
        ("party=latvia", lambda: Agreement.objects.filter(party_roles__party__slug="latvia")),
        ("kind=declaration", lambda: Agreement.objects.filter(kind="declaration")),
        ("area=air-defence", lambda: Agreement.objects.filter(areas__slug="air-defence")),
        ("year=2024", lambda: Agreement.objects.filter(signed_on__year=2024)),
        ("signed_from=2024-03-02", lambda: Agreement.objects.filter(signed_on__gte="2024-03-02")),
        ("signed_to=2024-03-01", lambda: Agreement.objects.filter(signed_on__lte="2024-03-01")),
        ("q=netherlands", lambda: Agreement.objects.search("netherlands")),
    ],
)
def test_agreement_filters(client, query, expected):
    rows = expected()
    assert rows.exists()
    assert listed(client, f"/agreements/?{query}") == set(rows)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("donor=netherlands", lambda: Pledge.objects.filter(donor__slug="netherlands")),
        ("programme=it-coalition", lambda: Pledge.objects.filter(programme__slug="it-coalition")),
        ("category=humanitarian", lambda: Pledge.objects.filter(category="humanitarian")),
        ("currency=nok", lambda: Pledge.objects.filter(currency="NOK")),
        ("amount_min=1000000000", lambda: Pledge.objects.filter(amount_eur__gte=1_000_000_000)),
        ("amount_max=20000000", lambda: Pledge.objects.filter(amount_eur__lte=20_000_000)),
        (
            "year=2025",
            lambda: Pledge.objects.filter(
                Q(period_start_year__lte=2025, period_end_year__gte=2025)
                | Q(period_start_year=2025, period_end_year__isnull=True)
                | Q(period_start_year__isnull=True, announced_on__year=2025)
            ),
        ),
        (
            "agreement=ukraine-netherlands-security-agreement",
            lambda: Pledge.objects.filter(agreement__slug="ukraine-netherlands-security-agreement"),
        ),
        (
            "announced_from=2024-01-01&announced_to=2024-01-31",
            lambda: Pledge.objects.filter(announced_on__month=1, announced_on__year=2024),
        ),
    ],
)
def test_pledge_filters(client, query, expected):
    rows = expected()
    assert rows.exists()
    assert listed(client, f"/pledges/?{query}") == set(rows)


def test_pledge_totals_are_of_the_whole_filtered_set(client):
    response = client.get("/pledges/?donor=norway&per_page=25")
    norway = list(Pledge.objects.filter(donor__slug="norway"))
    with_sum = {p.pk for p in norway if p.amount_eur is not None}
    assert any(p.part_of_id in with_sum for p in norway)  # a share of another listed pledge
    assert any(p.fulfils_id in with_sum for p in norway)  # an allocation of a listed commitment
    expected = sum(
        p.amount_eur
        for p in norway
        if p.amount_eur and p.part_of_id not in with_sum and p.fulfils_id not in with_sum
    )
    assert response.context["total_eur"] == expected
    assert response.context["total_count"] == len(norway)


def test_timeline_programme_party_and_source_filters(client):
    assert listed(client, "/timeline/?kind=concluded") == set(Milestone.objects.filter(kind="concluded"))
    assert listed(client, "/programmes/?party=luxembourg") == set(
        Programme.objects.filter(memberships__party__slug="luxembourg")
    )
    assert listed(client, "/parties/?kind=group") == set(Party.objects.filter(kind="group"))
    assert listed(client, "/parties/?member_of=g7") == set(
        Party.objects.filter(membership_rows__organisation__slug="g7")
    )
    assert listed(client, "/sources/?kind=official") == set(Source.objects.filter(kind="official"))


def test_sorting_by_signing_date_both_ways(client):
    ascending = client.get("/agreements/?sort=signed&status=signed").context["page"].object_list
    descending = client.get("/agreements/?sort=-signed&status=signed").context["page"].object_list
    dates = [a.signed_on for a in ascending]
    assert dates == sorted(dates)
    assert [a.signed_on for a in descending] == sorted(dates, reverse=True)


def test_filter_summary_says_what_is_applied(client):
    text = client.get("/agreements/?status=signed&party=netherlands").text
    assert "<strong>status</strong> is <strong>signed</strong>" in text
    assert "<strong>party</strong> is <strong>Netherlands</strong>" in text
