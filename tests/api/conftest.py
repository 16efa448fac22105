import json

import pytest
from django.core.cache import cache


def fetch_all(client, url: str, **params) -> tuple[list[dict], dict]:
    """Every record of an API list, following `next` links; and the first page's body."""
    response = client.get(url, {"per_page": 1000, **params})
    assert response.status_code == 200, response.content[:500]
    first = body = json.loads(response.content)
    results = list(body["results"])
    while body["next"]:
        response = client.get(body["next"])
        assert response.status_code == 200, response.content[:500]
        body = json.loads(response.content)
        results += body["results"]
    return results, first


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The throttle's counts and kept answers live in the cache: each test starts without them."""
    cache.clear()
    yield
    cache.clear()
