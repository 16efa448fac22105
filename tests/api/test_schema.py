"""The OpenAPI document is valid OpenAPI 3 and describes what the API answers: every
table's list, record and deletions, each list's filters, and each record's columns."""

import json

import pytest
import yaml
from openapi_spec_validator import validate

from api.endpoints import ENDPOINTS
from tests.api.conftest import fetch_all

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture
def document(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_openapi_document_validates(document):
    validate(document)
    assert document["openapi"].startswith("3.")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_each_list_is_described_with_its_filters_and_columns(client, document, endpoint):
    paths = document["paths"]
    key = "{slug}" if endpoint.by_slug else "{id}"
    assert {
        f"/api/v1/{endpoint.name}/",
        f"/api/v1/{endpoint.name}/{key}/",
        f"/api/v1/{endpoint.name}/deleted/",
    } <= set(paths)
    listed = paths[f"/api/v1/{endpoint.name}/"]["get"]
    parameters = {parameter["name"] for parameter in listed["parameters"]}
    filters = set(endpoint.listing.filterset_class.base_filters) if endpoint.listing else set()
    assert filters | {"page", "per_page", "updated_since"} <= parameters
    record = document["components"]["schemas"][
        listed["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    ]
    results = record["properties"]["results"]["items"]["$ref"].split("/")[-1]
    columns = document["components"]["schemas"][results]["properties"]
    assert list(columns) == endpoint.table.header
    rows, _ = fetch_all(client, f"/api/v1/{endpoint.name}/", per_page=5)
    assert rows and all(list(row) == endpoint.table.header for row in rows)


def test_the_documentation_page_loads_its_scripts_from_this_site(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html and "https://" not in html
    assert client.get("/api/v1/docs/?script=").status_code == 200
    index = json.loads(client.get("/api/v1/").content)
    assert set(index["lists"]) == {endpoint.name for endpoint in ENDPOINTS}
