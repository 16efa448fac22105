"""Cached aggregates are never stale: any write to the data invalidates them."""

from decimal import Decimal

import pytest

from agreements.models import Agreement
from pledges.models import Pledge
from tests.factories import AgreementFactory, PledgeFactory

pytestmark = pytest.mark.usefixtures("seeded")


def test_overview_is_served_from_the_cache_until_a_new_agreement(client):
    first = client.get("/")
    assert first.context["agreement_count"] == Agreement.objects.count()
    again = client.get("/")
    assert again.context is None and again.content == first.content  # no rendering: the cached page
    AgreementFactory()
    fresh = client.get("/")
    assert fresh.context["agreement_count"] == Agreement.objects.count()
    assert f"{Agreement.objects.count()} agreements recorded" in fresh.text


def test_pledge_totals_follow_edits_and_filters(client):
    total = client.get("/pledges/?donor=netherlands").context["total_eur"]
    pledge = PledgeFactory(
        donor=Pledge.objects.filter(donor__slug="netherlands").first().donor,
        amount=Decimal("1000"),
        amount_eur=Decimal("1000"),
        eur_rate=1,
    )
    assert client.get("/pledges/?donor=netherlands").context["total_eur"] == total + Decimal("1000")
    assert client.get("/pledges/?donor=denmark").context["total_eur"] != total + Decimal("1000")
    pledge.delete()
    assert client.get("/pledges/?donor=netherlands").context["total_eur"] == total


def redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis server on 127.0.0.1:6379")
def test_a_shared_redis_cache_serves_cached_pages_and_sees_writes(client, settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    try:
        caches["default"].clear()
        first = client.get("/")
        assert type(caches["default"]).__name__ == "RedisCache"
        assert client.get("/").context is None  # served from Redis
        AgreementFactory()
        assert f"{first.context['agreement_count'] + 1} agreements recorded" in client.get("/").text
    finally:
        caches["default"].clear()
