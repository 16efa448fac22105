"""Benchmark: server time of every page at scale, p50 and p95, against the targets.

    .venv/bin/python bench/pages_bench.py [REQUESTS_PER_PAGE]

against DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/tracker_bench), filled
with the seeded generator if empty (200 parties, 20,000 agreements, 1,000,000 pledges,
100,000 sources). Each page is requested once (the cold time: caches empty) and then
REQUESTS_PER_PAGE times (default 40); the figures are the time Django takes to answer,
measured in this process. Targets on 2 cores: p95 at most 150 ms for lists, details and
search, at most 200 ms for the overview.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from pledges.models import Pledge  # noqa: E402
from sources.models import Source  # noqa: E402

LISTS, DETAILS, SEARCH, OVERVIEW = 150, 150, 150, 200


def pages() -> list[tuple[str, str, int]]:
    pledge = Pledge.objects.filter(purpose__startswith="generated purpose ").order_by("pk")[500].pk
    source = Source.objects.filter(url__startswith="https://example.org/generated/").order_by("pk")[500].pk
    return [
        ("overview", "/", OVERVIEW),
        ("agreements", "/agreements/", LISTS),
        ("agreements, signed in 2020, by date", "/agreements/?status=signed&year=2020&sort=-signed", LISTS),
        ("agreements of a party", "/agreements/?party=generated-party-7", LISTS),
        ("agreements, page 40", "/agreements/?page=40", LISTS),
        ("timeline", "/timeline/", LISTS),
        ("timeline, signings in 2022", "/timeline/?kind=signed&year=2022", LISTS),
        ("parties", "/parties/", LISTS),
        ("pledges", "/pledges/", LISTS),
        ("pledges, military in NOK by size", "/pledges/?category=military&currency=NOK&sort=-amount", LISTS),
        ("pledges of a donor", "/pledges/?donor=generated-party-5", LISTS),
        ("pledges covering 2024 over EUR 1 bn", "/pledges/?year=2024&amount_min=1000000000", LISTS),
        ("pledges, page 500", "/pledges/?page=500", LISTS),
        ("programmes", "/programmes/", LISTS),
        ("sources", "/sources/", LISTS),
        ("sources by publisher", "/sources/?publisher=Publisher%2042", LISTS),
        ("agreement", "/agreements/generated-agreement-77/", DETAILS),
        ("party", "/parties/generated-party-5/", DETAILS),
        ("pledge", f"/pledges/{pledge}/", DETAILS),
        ("programme", "/programmes/generated-programme-3/", DETAILS),
        ("source", f"/sources/{source}/", DETAILS),
        ("search: security", "/search/?q=security", SEARCH),
        ("search: a phrase", "/search/?q=%22generated+purpose+4242%22", SEARCH),
        ("search within pledges", "/pledges/?q=purpose+4242", SEARCH),
    ]


def ensure_data():
    call_command("migrate", verbosity=0)
    if not Pledge.objects.filter(purpose__startswith="generated purpose ").exists():
        call_command("loaddata", "exchange_rates", verbosity=0)
        call_command("generate_data", verbosity=0)


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    ensure_data()
    cache.clear()
    client = Client()
    failures = 0
    print(f"{'page':40} {'cold':>8} {'p50':>8} {'p95':>8} {'target':>8}")
    for name, url, target in pages():
        started = time.perf_counter()
        assert client.get(url).status_code == 200, url
        cold = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[18]
        verdict = "ok" if p95 <= target else "OVER"
        failures += verdict != "ok"
        print(f"{name:40} {cold:7.0f}ms {p50:7.0f}ms {p95:7.0f}ms {target:6d}ms {verdict}")
    print(f"pages over target: {failures}")


if __name__ == "__main__":
    main()
