"""The API's HTTP behaviour: ETag and Last-Modified with 304 (API and CSV downloads),
CORS open for reading only and only under /api/, the per-client throttle, and bad
parameters answered 400 with words, never 500."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from api.endpoints import ENDPOINTS
from pledges.models import Pledge

pytestmark = pytest.mark.usefixtures("seeded")

# Every address answering with data that changes only with a write.
VERSIONED = [
    "/api/v1/pledges/?category=military",
    "/api/v1/agreements/",
    f"/api/v1/parties/{'{party}'}/",
    "/pledges/export.csv?category=military",
    "/data/pledges.csv",
    "/data/data_dictionary.csv",
    "/data/dataset.zip",
]


def _address(template: str) -> str:
    from donors.models import Party

    return template.format(party=Party.objects.order_by("pk").values_list("slug", flat=True).first())


@pytest.mark.parametrize("template", VERSIONED)
def test_an_unchanged_answer_is_304_and_a_write_makes_it_200_again(client, as_committed, template):
    address = _address(template)
    first = client.get(address)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(address, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(address, HTTP_IF_NONE_MATCH='"another"').status_code == 200
    pledge = Pledge.objects.order_by("pk").first()
    pledge.purpose = f"{pledge.purpose} (edited)"
    pledge.save()
    as_committed()
    again = client.get(address, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_the_etag_differs_between_addresses(client):
    assert client.get("/api/v1/pledges/")["ETag"] != client.get("/api/v1/pledges/?page=2")["ETag"]


def test_cors_lets_other_sites_read_the_api_and_nothing_else(client):
    origin = {"HTTP_ORIGIN": "https://example.org"}
    read = client.get("/api/v1/agreements/", **origin)
    assert read["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in read["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/agreements/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="DELETE", **origin)
    allowed = {method.strip() for method in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Origin" not in client.get("/agreements/", **origin)
    assert "Access-Control-Allow-Origin" not in client.get("/pledges/export.csv", **origin)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_writes_nothing(client, method):
    before = Pledge.objects.count()
    pk = Pledge.objects.order_by("pk").values_list("pk", flat=True).first()
    for address in ["/api/v1/pledges/", f"/api/v1/pledges/{pk}/"]:
        response = getattr(client, method)(address, data="{}", content_type="application/json")
        assert response.status_code == 405
    assert Pledge.objects.count() == before


@override_settings(API_THROTTLE_RATE="3/min")
def test_each_client_address_has_its_own_budget(client):
    answers = [client.get("/api/v1/sources/", REMOTE_ADDR="10.0.0.1").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    throttled = client.get("/api/v1/sources/", REMOTE_ADDR="10.0.0.1")
    assert json.loads(throttled.content)["errors"] and int(throttled["Retry-After"]) > 0
    assert client.get("/api/v1/sources/", REMOTE_ADDR="10.0.0.2").status_code == 200
    # Without a trusted proxy a forged X-Forwarded-For buys no fresh budget.
    forged = client.get("/api/v1/sources/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert forged.status_code == 429


@override_settings(API_THROTTLE_RATE="2/min", TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_client_is_the_address_the_proxy_appended(client):
    proxy = {"REMOTE_ADDR": "10.0.0.254"}
    for _ in range(2):
        assert client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy).status_code == 200
    assert client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy).status_code == 429
    assert client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR="192.0.2.2", **proxy).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "no_such_filter=1",
        "updated_since=yesterday",
        "page=0",
        "page=999999",
        "per_page=1001",
        "per_page=x",
        "facets=title",
        "status=no-such-status",
        "party=no-such-party",
    ],
)
def test_a_bad_parameter_is_named_in_a_400(client, query):
    response = client.get(f"/api/v1/agreements/?{query}")
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert errors and query.split("=")[0] in " ".join(errors).replace("Status", "status").replace(
        "Party", "party"
    )


def test_deleted_needs_a_time(client):
    assert client.get("/api/v1/pledges/deleted/").status_code == 400
    assert client.get("/api/v1/pledges/deleted/?since=soon").status_code == 400


@settings(max_examples=40)
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    params=st.dictionaries(
        st.sampled_from(["q", "sort", "page", "per_page", "updated_since", "facets", "year", "party", "x"]),
        st.text(max_size=30),
        max_size=4,
    ),
)
def test_no_parameter_breaks_the_api(client, endpoint, params):
    params = {name: value.replace("\x00", "") for name, value in params.items()}
    response = client.get(reverse(f"api:{endpoint.name}-list"), params)
    assert response.status_code in (200, 400), (params, response.content[:300])
    assert "errors" in json.loads(response.content) or response.status_code == 200
