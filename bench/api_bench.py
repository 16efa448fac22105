"""Benchmark: the JSON API beside the HTML list or page it mirrors, server time at scale.

    .venv/bin/python bench/api_bench.py [REQUESTS_PER_ADDRESS]

against DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/tracker_bench), filled
with the seeded generator if empty. Each pair is the same filters on the page and on
the API (the API with its default 100 rows a page, the page with 50): the first
request (cold: caches empty), then p50 and p95 of REQUESTS_PER_ADDRESS more (default
40), and the ratio of the API's p95 to the page's (target: at most 1.5, "as fast as the
pages", or p95 within the pages' 150 ms). Also what no page has: a first sync's first
page of 1,000 pledges, a sync when nothing changed, and the deletions since a time.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench")
os.environ.setdefault("API_THROTTLE_RATE", "1000000/min")  # the benchmark is one client

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from bench.pages_bench import ensure_data  # noqa: E402
from pledges.models import Pledge  # noqa: E402

TARGET_RATIO, TARGET_MS = 1.5, 150

PAIRS = [
    ("agreements", "/agreements/", "/api/v1/agreements/"),
    (
        "agreements of a party",
        "/agreements/?party=generated-party-7",
        "/api/v1/agreements/?party=generated-party-7",
    ),
    (
        "timeline, signings 2022",
        "/timeline/?kind=signed&year=2022",
        "/api/v1/milestones/?kind=signed&year=2022",
    ),
    ("parties", "/parties/", "/api/v1/parties/"),
    ("pledges (with totals)", "/pledges/", "/api/v1/pledges/"),
    (
        "pledges, military NOK by size",
        "/pledges/?category=military&currency=NOK&sort=-amount",
        "/api/v1/pledges/?category=military&currency=NOK&sort=-amount",
    ),
    ("pledges of a donor", "/pledges/?donor=generated-party-5", "/api/v1/pledges/?donor=generated-party-5"),
    ("pledges, deep page", "/pledges/?page=500", "/api/v1/pledges/?page=250"),
    ("search within pledges", "/pledges/?q=purpose+4242", "/api/v1/pledges/?q=purpose+4242"),
    ("sources", "/sources/", "/api/v1/sources/"),
    ("agreement record", "/agreements/generated-agreement-77/", "/api/v1/agreements/generated-agreement-77/"),
    ("party record", "/parties/generated-party-5/", "/api/v1/parties/generated-party-5/"),
]


def timed(client, url: str, requests: int) -> tuple[float, float, float]:
    started = time.perf_counter()
    response = client.get(url)
    cold = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.content[:200])
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        assert client.get(url).status_code == 200, url
        times.append((time.perf_counter() - started) * 1000)
    return cold, statistics.median(times), statistics.quantiles(times, n=20)[18]


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    ensure_data()
    cache.clear()
    client = Client()
    over = 0
    print(f"{'pair':32} {'page cold/p50/p95':>22} {'API cold/p50/p95':>22} {'p95 ratio':>10}")
    for name, page, api in PAIRS:
        page_times, api_times = timed(client, page, requests), timed(client, api, requests)
        ratio = api_times[2] / page_times[2]
        ok = ratio <= TARGET_RATIO or api_times[2] <= TARGET_MS
        over += not ok
        shown = ["/".join(f"{t:.0f}" for t in times) + " ms" for times in (page_times, api_times)]
        print(f"{name:32} {shown[0]:>22} {shown[1]:>22} {ratio:9.2f}x {'ok' if ok else 'OVER'}")
    newest = Pledge.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    since = (newest + timedelta(seconds=1)).isoformat()
    for name, url in [
        ("sync: first page of all pledges", "/api/v1/pledges/?updated_since=1900-01-01&per_page=1000"),
        ("sync: pledges, nothing changed", f"/api/v1/pledges/?updated_since={since}&per_page=1000"),
        ("sync: pledges deleted since", f"/api/v1/pledges/deleted/?since={since}"),
    ]:
        cold, p50, p95 = timed(client, url.replace("+", "%2B"), requests)
        print(f"{name:32} {'':>22} {f'{cold:.0f}/{p50:.0f}/{p95:.0f} ms':>22}")
    print(f"pairs over target: {over}")


if __name__ == "__main__":
    main()
