"""GDP of the partner states: reading the World Bank current-US$ file and converting it
to euros at the ECB annual average dollar rate (the rules pages read are in donors/gdp.py)."""

import csv
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pycountry
from django.conf import settings

SHIPPED_FILE = Path(settings.BASE_DIR) / "fixtures" / "world_bank_gdp.csv"
COLUMNS = ("Country Name", "Country Code", "Year", "Value")

WORLD_BANK_SOURCE = {
    "slug": "world-bank-gdp-current-usd",
    "title": "GDP (current US$)",
    "publisher": "World Bank",
    "kind": "dataset",
    "url": "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
    "language": "en",
    "notes": "Indicator NY.GDP.MKTP.CD (World Bank national accounts data, and OECD National "
    "Accounts data files), as copied into data/gdp.csv of the public repository "
    "https://github.com/datasets/gdp (commit 822019c, 2026-03-20); the tracker ships the "
    "partner states' rows from 2014 in fixtures/world_bank_gdp.csv, loaded by load_gdp.",
}


@dataclass(frozen=True)
class GdpRow:
    country_code: str  # ISO 3166-1 alpha-2, as Party.iso_code
    country_name: str
    year: int
    usd: Decimal


def read_gdp_file(path: Path) -> tuple[list[GdpRow], int]:
    """The countries' rows of a World Bank GDP file in datasets/gdp's layout, and how many
    rows were regions or groups (Euro area, World...), which have no ISO country code.

    Raises ValueError naming the line of the first row that cannot be read, so a bad file
    loads nothing."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"expected the columns {', '.join(COLUMNS)}, found {reader.fieldnames}")
        rows, regions = [], 0
        for line, row in enumerate(reader, start=2):
            country = pycountry.countries.get(alpha_3=(row["Country Code"] or "").strip())
            if country is None:
                regions += 1
                continue
            try:
                year, usd = int(row["Year"]), Decimal(row["Value"]).quantize(Decimal(1), ROUND_HALF_UP)
            except (TypeError, ValueError, InvalidOperation) as error:
                raise ValueError(
                    f"line {line}: year {row['Year']!r} or value {row['Value']!r} is not a number"
                ) from error
            if usd <= 0 or not 1900 <= year <= 2100:
                raise ValueError(f"line {line}: {row['Country Name']} {year} has no positive GDP")
            rows.append(GdpRow(country.alpha_2, row["Country Name"].strip(), year, usd))
    return rows, regions


def usd_to_eur(usd: Decimal, usd_per_eur: Decimal) -> Decimal:
    return (usd / usd_per_eur).quantize(Decimal(1), ROUND_HALF_UP)
