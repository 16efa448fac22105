"""The GDP figures' rules that pages read: the reference year and a party's share of GDP
(the figures themselves are loaded by pledges' load_gdp, which converts with the ECB rates)."""

from decimal import Decimal

from donors.models import GdpFigure

# Kiel's Ukraine Support Tracker divides by 2021 GDP, the last year before the full-scale
# invasion moved prices and rates; the same year makes the shares comparable with Kiel's.
GDP_REFERENCE_YEAR = 2021


def share_of_gdp(amount_eur: Decimal | None, gdp_eur: Decimal | None) -> Decimal | None:
    """A sum as a percentage of a GDP, both in euros; None when either is unknown."""
    if amount_eur is None or not gdp_eur:
        return None
    return Decimal(amount_eur) * 100 / Decimal(gdp_eur)


def reference_gdp(parties) -> dict:
    """{party id: its GdpFigure of GDP_REFERENCE_YEAR} for the parties that have one (states
    with an ISO code in the World Bank file; the EU and other organisations have none)."""
    ids_by_code = {party.iso_code: party.pk for party in parties if party.iso_code}
    figures = GdpFigure.objects.filter(year=GDP_REFERENCE_YEAR, country_code__in=ids_by_code)
    return {ids_by_code[figure.country_code]: figure for figure in figures}
