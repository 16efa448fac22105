"""Benchmark: the pledges CSV export against PostgreSQL's own COPY, in one run.

    .venv/bin/python bench/export_bench.py [PLEDGES]

against DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/tracker_bench).

Fills the database with the seeded generator first if it holds fewer generated
pledges than asked (default 1,000,000), then prints:
- the export's rows per second (the /pledges/export.csv view, streamed to the end),
- the same rows through COPY (SELECT ...) TO STDOUT WITH CSV, rows per second,
- their ratio (target at least 0.5),
- the export process's peak memory growth while streaming (target under 50 MB).
"""

import os
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from pledges.exports import PLEDGES  # noqa: E402
from pledges.models import Pledge  # noqa: E402
from pledges.views import pledge_export  # noqa: E402


class PeakMemory:
    """Samples this process's resident memory every few milliseconds while active."""

    def __init__(self):
        self.process = psutil.Process()
        self.baseline = self.peak = self.process.memory_info().rss
        self._running = False

    def _sample(self):
        while self._running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.005)

    def __enter__(self):
        self.baseline = self.peak = self.process.memory_info().rss
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._running = False
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.baseline) / 2**20


class CountingSink:
    def __init__(self):
        self.bytes = 0

    def write(self, data):
        self.bytes += len(data)


def ensure_data(pledges: int) -> int:
    call_command("migrate", verbosity=0)
    if not Pledge.objects.filter(purpose__startswith="generated purpose ").exists():
        call_command("loaddata", "exchange_rates", verbosity=0)
        started = time.perf_counter()
        call_command("generate_data", pledges=pledges, verbosity=0)
        print(f"generated {pledges:,} pledges (and the rest) in {time.perf_counter() - started:.0f} s")
    return Pledge.objects.count()


def time_export() -> tuple[float, int, float]:
    request = RequestFactory().get("/pledges/export.csv")
    with PeakMemory() as memory:
        started = time.perf_counter()
        response = pledge_export(request)
        size = sum(len(chunk) for chunk in response.streaming_content)
        elapsed = time.perf_counter() - started
    return elapsed, size, memory.growth_mb


def time_copy() -> tuple[float, int]:
    sql, params = PLEDGES.rows(Pledge.objects.all()).query.sql_with_params()
    with connection.cursor() as cursor:
        select = cursor.mogrify(sql, params).decode()
        sink = CountingSink()
        started = time.perf_counter()
        cursor.copy_expert(f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER)", sink)
        return time.perf_counter() - started, sink.bytes


def main():
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rows = ensure_data(wanted)
    time_copy()  # warm the cache so neither side pays for the first read from disk
    export_seconds, export_bytes, memory_growth = time_export()
    copy_seconds, copy_bytes = time_copy()
    export_rate, copy_rate = rows / export_seconds, rows / copy_seconds
    print(f"rows exported:            {rows:,}")
    mb = 2**20
    print(f"export (view, streamed):  {export_rate:,.0f} rows/s  ", end="")
    print(f"({export_seconds:.2f} s, {export_bytes / mb:.0f} MB)")
    print(
        f"COPY TO STDOUT WITH CSV:  {copy_rate:,.0f} rows/s  ({copy_seconds:.2f} s, {copy_bytes / mb:.0f} MB)"
    )
    print(f"ratio export / COPY:      {export_rate / copy_rate:.2f}  (target >= 0.5)")
    print(f"peak memory growth:       {memory_growth:.1f} MB  (target < 50 MB)")


if __name__ == "__main__":
    main()
