"""The GDP table: World Bank current-US$ figures in euros at the ECB rate of their year,
and pledges as a share of the donor's GDP in the reference year."""

import csv
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.templatetags.tracker import percent
from donors.gdp import GDP_REFERENCE_YEAR, reference_gdp, share_of_gdp
from donors.models import GdpFigure, Party, PartyKind
from pledges.gdp import SHIPPED_FILE, usd_to_eur
from pledges.models import ExchangeRate, Pledge

pytestmark = pytest.mark.usefixtures("seeded")


def shipped_rows():
    with SHIPPED_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_partner_state_has_a_gdp_for_the_reference_year():
    states = Party.objects.filter(kind=PartyKind.STATE, pledges_given__isnull=False).distinct()
    assert states.exists()
    have = reference_gdp(states)
    assert {state.name for state in states if state.pk not in have} == set()
    for state in states:
        assert have[state.pk].year == GDP_REFERENCE_YEAR and have[state.pk].country_code == state.iso_code


def test_organisations_have_none():
    eu = Party.objects.get(slug="european-union")
    assert reference_gdp([eu]) == {}


def test_each_figure_is_the_file_s_dollars_at_the_ecb_rate_of_its_year():
    rows = shipped_rows()
    assert GdpFigure.objects.count() == len(rows)
    figures = {(f.country_name, f.year): f for f in GdpFigure.objects.select_related("source", "rate_source")}
    rates = {rate.year: rate for rate in ExchangeRate.objects.filter(currency="USD")}
    for row in rows:
        figure = figures[(row["Country Name"], int(row["Year"]))]
        assert figure.usd == Decimal(row["Value"]).quantize(Decimal(1))
        rate = rates[figure.rate_year]
        assert figure.rate_year == figure.year  # every year of the file has an ECB average
        assert figure.usd_per_eur == rate.units_per_eur
        assert abs(figure.eur * rate.units_per_eur - figure.usd) <= rate.units_per_eur  # rounded to the euro
        assert (
            figure.source.publisher == "World Bank"
            and figure.rate_source.publisher == "European Central Bank"
        )


def test_share_of_gdp_is_the_euros_over_the_gdp_in_percent():
    assert share_of_gdp(Decimal("2"), Decimal("400")) == Decimal("0.5")
    assert share_of_gdp(None, Decimal("400")) is None and share_of_gdp(Decimal(1), None) is None
    assert usd_to_eur(Decimal("1182740"), Decimal("1.18274")) == Decimal("1000000")


def test_the_overview_ranks_partners_by_their_share_of_gdp(client):
    text = client.get("/").content.decode()
    gdp = reference_gdp(Party.objects.all())
    shares = []
    for pk, figure in gdp.items():
        total = Pledge.objects.filter(donor_id=pk).total_eur()
        if total:
            shares.append((total * 100 / figure.eur, Party.objects.get(pk=pk).name))
    shares.sort(reverse=True)
    top = shares[0]
    assert f"({top[0]:.2f} %)" in text
    positions = [text.index(f'>{name}</a></th><td class="num">{percent(share)}') for share, name in shares]
    assert positions == sorted(positions)  # ranked, largest share first
    assert f"share of {GDP_REFERENCE_YEAR} GDP" in text


def test_load_gdp_refuses_a_bad_file_and_changes_nothing(tmp_path):
    before = list(GdpFigure.objects.order_by("pk").values_list("pk", "usd", "eur"))
    bad = tmp_path / "gdp.csv"
    bad.write_text(
        "Country Name,Country Code,Year,Value\nNetherlands,NLD,2021,1.0e12\nSweden,SWE,2021,lots\n"
    )
    with pytest.raises(CommandError, match="line 3"):
        call_command("load_gdp", file=bad)
    wrong = tmp_path / "other.csv"
    wrong.write_text("country,gdp\nNL,1\n")
    with pytest.raises(CommandError, match="expected the columns"):
        call_command("load_gdp", file=wrong)
    assert list(GdpFigure.objects.order_by("pk").values_list("pk", "usd", "eur")) == before


def test_load_gdp_leaves_regions_out_and_updates_in_place(tmp_path):
    fresh = tmp_path / "gdp.csv"
    fresh.write_text(
        "Country Name,Country Code,Year,Value\n"
        "Euro area,EMU,2021,1.4e13\n"
        "Netherlands,NLD,2021,1000000000000\n"
    )
    count = GdpFigure.objects.count()
    call_command("load_gdp", file=fresh)
    assert GdpFigure.objects.count() == count
    figure = GdpFigure.objects.get(country_code="NL", year=2021)
    assert figure.usd == Decimal("1000000000000")
    assert figure.eur == usd_to_eur(
        figure.usd, ExchangeRate.objects.get(currency="USD", year=2021).units_per_eur
    )


def test_a_party_page_gives_its_share_of_gdp_or_says_it_has_none(client):
    for party in Party.objects.filter(pledges_given__amount_eur__isnull=False).distinct():
        text = client.get(party.get_absolute_url()).content.decode()
        gdp = reference_gdp([party]).get(party.pk)
        if gdp is None:
            assert "no GDP (not a state)" in text, party.name
        else:
            total = sum(p.amount_eur for p in Pledge.objects.filter(donor=party).counted() if p.amount_eur)
            assert f'<td class="num">{percent(total * 100 / gdp.eur)}</td>' in text, party.name
