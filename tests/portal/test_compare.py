"""The compare page: two to eight partners side by side, each figure computed here from
the pledges themselves (a share counts unless its larger pledge is in the same group)."""

import re
from collections import defaultdict
from decimal import Decimal

import pytest

from core.templatetags.tracker import format_money, percent
from core.templatetags.tracker import short_money as short
from donors.gdp import reference_gdp
from donors.models import Party
from pledges.models import Pledge, PledgeStatus
from portal.compare import MOST

pytestmark = pytest.mark.usefixtures("seeded")


def expected_totals(donor, key) -> dict:
    """{key(pledge): EUR} over the donor's pledges with a sum, each euro once per group."""
    pledges = list(Pledge.objects.filter(donor=donor, amount_eur__isnull=False))
    by_pk = {pledge.pk: pledge for pledge in pledges}
    totals = defaultdict(Decimal)
    for pledge in pledges:
        parent = by_pk.get(pledge.part_of_id)
        if parent is not None and key(parent) == key(pledge):
            continue  # its euros are in the larger pledge's, in the same group
        promise = by_pk.get(pledge.fulfils_id)
        if promise is not None and key(promise) == key(pledge):
            continue  # a delivery of a commitment with a sum in the same group: the same euros
        totals[key(pledge)] += pledge.amount_eur
    return dict(totals)


def donors_with_money(count):
    return list(
        Party.objects.filter(pledges_given__amount_eur__isnull=False).distinct().order_by("name")[:count]
    )


def cells(text, heading):
    """The rows of the table under `heading`: {row label: [cell texts]}."""
    section = text[text.index(f">{heading}</h2>") :]
    table = section[: section.index("</table>")]
    rows = {}
    for label, row in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S):
        rows[label] = [
            re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
    return rows


def test_two_partners_side_by_side_by_status_with_their_share_of_gdp(client):
    states = [
        p for p in donors_with_money(40) if p.iso_code and p.kind == "state" and p.slug != "european-union"
    ][:2]
    eu = Party.objects.get(slug="european-union")
    chosen = [*states, eu]
    response = client.get("/compare/?" + "&".join(f"party={p.slug}" for p in chosen))
    assert response.status_code == 200
    text = response.content.decode()
    table = cells(text, "Money pledged, by status")
    with_money = {
        label.capitalize()
        for party in chosen
        for value, label in PledgeStatus.choices
        if expected_totals(party, lambda pledge: pledge.status).get(value)
    }
    assert with_money == {label for label in table if label != "Total" and not label.startswith("Share of")}
    for column, party in enumerate(chosen):
        by_status = expected_totals(party, lambda pledge: pledge.status)
        for value, label in PledgeStatus.choices:
            if label.capitalize() in table:
                shown = table[label.capitalize()][column]
                assert shown == (short(by_status[value]) if by_status.get(value) else "—"), (party, label)
        total = sum(expected_totals(party, lambda pledge: True).values())
        assert table["Total"][column] == short(total)
        assert f'title="{format_money(total, "EUR")}"' in text  # the exact figure, in the tooltip
    gdp = reference_gdp(states)
    for column, party in enumerate(states):
        total = sum(expected_totals(party, lambda pledge: True).values())
        assert table[next(k for k in table if k.startswith("Share of"))][column] == percent(
            total * 100 / gdp[party.pk].eur
        )
    assert "no GDP (not a state)" in table[next(k for k in table if k.startswith("Share of"))][2]


def test_money_by_category_and_year_per_partner(client):
    chosen = donors_with_money(3)
    text = client.get("/compare/?" + "&".join(f"party={p.slug}" for p in chosen)).content.decode()
    by_category = cells(text, "By category")
    for column, party in enumerate(chosen):
        expected = expected_totals(party, lambda pledge: pledge.get_category_display().capitalize())
        for label, figures in by_category.items():
            assert figures[column] == (short(expected[label]) if expected.get(label) else "—")
        assert set(expected) <= set(by_category)


def test_agreements_and_programmes_of_each_partner(client):
    chosen = donors_with_money(2)
    text = client.get("/compare/?" + "&".join(f"party={p.slug}" for p in chosen)).content.decode()
    for party in chosen:
        roles = party.agreement_roles.select_related("agreement")
        assert roles.exists()
        for role in roles:
            assert role.agreement.title in text
        for membership in party.programme_memberships.select_related("programme"):
            assert membership.programme.name in text


@pytest.mark.parametrize(
    "query, message",
    [
        ("party=netherlands", "Choose 2 to 8 partners"),
        ("party=netherlands&party=no-such-partner", "There is no partner &#x27;no-such-partner&#x27;"),
        ("party=netherlands&party=netherlands", "Choose 2 to 8 partners"),
    ],
)
def test_fewer_than_two_or_unknown_partners_are_named(client, query, message):
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_more_than_eight_are_refused_with_the_first_eight_shown(client):
    parties = list(Party.objects.order_by("name")[: MOST + 1])
    response = client.get("/compare/?" + "&".join(f"party={p.slug}" for p in parties))
    assert response.status_code == 400
    text = response.content.decode()
    assert f"Compare at most {MOST} partners" in text
    table = text[text.index(">Money pledged, by status</h2>") :]
    assert parties[MOST - 1].name in table and f">{parties[MOST].name}</th>" not in table


def test_no_partner_chosen_shows_the_form(client):
    response = client.get("/compare/")
    assert response.status_code == 200
    assert 'name="party"' in response.content.decode()
