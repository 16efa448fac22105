import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from pledges.ecb import annual_averages, read_daily_rates, round_like_ecb
from pledges.models import ExchangeRate

HISTORY = """Date,USD,JPY,CYP,NOK,
2025-01-02,1.1000,160.10,N/A,11.70000,
2024-12-31,1.1000,160.10,N/A,11.70000,
2024-06-03,1.0900,170.22,N/A,N/A,
2024-01-02,1.0955,155.71,N/A,11.60000,
2023-12-29,1.1050,156.33,0.5,11.50000,
"""


@pytest.fixture
def history_csv(tmp_path):
    path = tmp_path / "eurofxref-hist.csv"
    path.write_text(HISTORY)
    return path


def test_rounding_follows_the_ecb_convention():
    assert round_like_ecb(Decimal("1.082384")) == Decimal("1.08238")
    assert round_like_ecb(Decimal("11.62904")) == Decimal("11.6290")
    assert round_like_ecb(Decimal("163.85191")) == Decimal("163.85")


def test_annual_averages_are_plain_means_of_complete_years(history_csv):
    averages = {
        (y, c): (rate, days)
        for y, c, rate, days in annual_averages(read_daily_rates(history_csv), since=2023)
    }
    assert averages[(2024, "USD")] == (Decimal("1.09517"), 3)  # (1.1 + 1.09 + 1.0955) / 3
    assert averages[(2024, "JPY")] == (Decimal("162.01"), 3)
    assert averages[(2024, "NOK")] == (Decimal("11.6500"), 2)  # N/A days are skipped
    assert (2023, "USD") in averages
    assert not any(year == 2025 for year, _ in averages)  # the running year is incomplete
    assert not any(currency == "CYP" for _, currency in averages)  # no longer ISO 4217


def test_reads_the_zip_as_downloaded(tmp_path, history_csv):
    archive = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(history_csv, "eurofxref-hist.csv")
    assert read_daily_rates(archive) == read_daily_rates(history_csv)


@pytest.mark.django_db
def test_command_on_the_bundled_history_matches_published_ecb_averages():
    call_command("load_ecb_rates", since=2022)
    rates = {(r.year, r.currency): (r.units_per_eur, r.business_days) for r in ExchangeRate.objects.all()}
    # Annual averages as the ECB publishes them.
    assert rates[(2024, "NOK")] == (Decimal("11.6290"), 256)
    assert rates[(2023, "NOK")] == (Decimal("11.4248"), 255)
    assert rates[(2024, "USD")] == (Decimal("1.08238"), 256)
    assert rates[(2022, "HUF")] == (Decimal("391.29"), 257)
    assert rates[(2025, "GBP")] == (Decimal("0.85679"), 255)
    assert rates[(2024, "SEK")] == (Decimal("11.4325"), 256)
    source = ExchangeRate.objects.first().source
    assert source.publisher == "European Central Bank"


@pytest.mark.django_db
def test_command_accepts_a_fresh_file_and_updates_in_place(history_csv):
    call_command("load_ecb_rates", file=history_csv, since=2024)
    call_command("load_ecb_rates", file=history_csv, since=2024)
    assert ExchangeRate.objects.filter(year=2024).count() == 3
    assert ExchangeRate.objects.get(year=2024, currency="USD").units_per_eur == Decimal("1.09517")


@pytest.mark.django_db
def test_command_refuses_a_file_that_is_not_ecb_history(tmp_path):
    bad = tmp_path / "rates.csv"
    bad.write_text("year,currency\n2024,NOK\n")
    with pytest.raises(CommandError, match="not an ECB history file"):
        call_command("load_ecb_rates", file=bad)
    assert not ExchangeRate.objects.exists()
