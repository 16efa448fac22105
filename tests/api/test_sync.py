"""Incremental sync: a client that keeps a copy of every table, fetching only the rows
changed (`updated_since`) and deleted (`deleted/?since=`) since its last sync, ends with
exactly what a full download gives, across edits, additions and deletions."""

import json

import pytest
from django.utils import timezone

from agreements.models import Agreement, Milestone
from api.endpoints import ENDPOINTS
from donors.models import Party
from pledges.models import Pledge
from sources.models import Citation, Source
from tests.api.conftest import fetch_all

pytestmark = pytest.mark.usefixtures("seeded")


def key_of(endpoint) -> str:
    return endpoint.table.columns[0].name


def full_copy(client) -> dict[str, dict]:
    return {
        endpoint.name: {
            row[key_of(endpoint)]: row for row in fetch_all(client, f"/api/v1/{endpoint.name}/")[0]
        }
        for endpoint in ENDPOINTS
    }


def sync(client, copy: dict, since: dict) -> dict[str, int]:
    """Bring the copy up to date as a client script would; how many rows each table fetched."""
    fetched = {}
    for endpoint in ENDPOINTS:
        rows, body = fetch_all(client, f"/api/v1/{endpoint.name}/", updated_since=since[endpoint.name])
        deleted = json.loads(
            client.get(f"/api/v1/{endpoint.name}/deleted/", {"since": since[endpoint.name]}).content
        )
        for row in rows:
            copy[endpoint.name][row[key_of(endpoint)]] = row
        for row in deleted["results"]:
            copy[endpoint.name].pop(row["id"], None)
        since[endpoint.name] = body["sync_from"]
        fetched[endpoint.name] = len(rows)
    return fetched


def test_a_sync_after_edits_additions_and_deletions_equals_a_full_download(client, as_committed):
    since = {endpoint.name: "2000-01-01" for endpoint in ENDPOINTS}
    copy = {endpoint.name: {} for endpoint in ENDPOINTS}
    sync(client, copy, since)
    assert copy == full_copy(client)
    # The test's transaction is still open, so sync_from goes back before it; a client
    # whose last sync ended just now asks from now.
    since = dict.fromkeys(since, timezone.now().isoformat())

    party = Party.objects.filter(pledges_given__isnull=False, agreement_roles__isnull=False).first()
    party.slug, party.name = f"{party.slug}-renamed", f"{party.name} (renamed)"
    party.save()
    agreement = Agreement.objects.exclude(areas=None).order_by("pk").first()
    agreement.areas.remove(agreement.areas.first())
    pledge = Pledge.objects.order_by("pk").first()
    pledge.purpose = "An edited purpose"
    pledge.save()
    milestone = Milestone.objects.order_by("pk").first()
    added = Milestone.objects.create(
        agreement=milestone.agreement, kind="published", date="2025-02-01", is_preferred=True
    )
    gone = Citation.objects.order_by("pk").last()
    gone_id = gone.pk
    gone.delete()
    as_committed()

    fetched = sync(client, copy, since)
    assert copy == full_copy(client)
    assert 0 < sum(fetched.values()) < sum(len(rows) for rows in copy.values()) / 10, fetched
    assert copy["parties"][party.pk]["name"] == party.name
    assert copy["pledges"][pledge.pk]["purpose"] == "An edited purpose"
    assert added.pk in copy["milestones"]
    assert gone_id not in copy["citations"]


def test_updated_since_selects_the_rows_changed_at_or_after_it(client, as_committed):
    source = Source.objects.order_by("pk").first()
    source.notes = "edited"
    source.save()
    as_committed()
    since = source.updated_at.isoformat()
    rows, body = fetch_all(client, "/api/v1/sources/", updated_since=since)
    expected = set(Source.objects.filter(updated_at__gte=source.updated_at).values_list("pk", flat=True))
    assert {row["source_id"] for row in rows} == expected
    assert source.pk in expected
    assert body["count"] == len(expected)


def test_sync_from_is_no_later_than_the_start_of_a_transaction_still_open(client):
    """A row written in the test's transaction, still open: a sync_from after it would let
    a client miss it once it commits."""
    agreement = Agreement.objects.order_by("pk").first()
    agreement.notes = "written in a transaction not yet committed"
    agreement.save()
    _, body = fetch_all(client, "/api/v1/agreements/")
    assert body["sync_from"] <= agreement.updated_at.isoformat().replace("+00:00", "Z")
