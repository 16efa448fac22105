"""Stable addresses: after a rename, a page or API record asked for by its old slug
redirects (301) to the new one, the query string kept; a slug no row ever had is 404."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from api.endpoints import ENDPOINTS
from donors.models import Party
from pledges.models import Programme
from provisions.models import AgreementProvision

pytestmark = pytest.mark.usefixtures("seeded")

PAGES = [
    (Agreement, "agreements:agreement-detail"),
    (Party, "donors:party-detail"),
    (Programme, "pledges:programme-detail"),
]
API_RECORDS = [(endpoint.model, f"api:{endpoint.name}-detail") for endpoint in ENDPOINTS if endpoint.by_slug]


def rename(row, as_committed) -> str:
    old = row.slug
    row.slug = f"{old}-renamed"
    row.save()
    as_committed()
    return old


@pytest.mark.parametrize("model, url_name", PAGES + API_RECORDS, ids=lambda value: str(value))
def test_an_old_slug_redirects_permanently_to_the_current_one(client, as_committed, model, url_name):
    row = model.objects.order_by("pk").first()
    old = rename(row, as_committed)
    response = client.get(reverse(url_name, kwargs={"slug": old}) + "?a=1")
    assert response.status_code == 301
    assert response["Location"] == reverse(url_name, kwargs={"slug": row.slug}) + "?a=1"
    assert client.get(response["Location"]).status_code == 200
    row.slug = f"{row.slug}-again"  # renamed twice: the first slug leads to the latest
    row.save()
    as_committed()
    assert client.get(reverse(url_name, kwargs={"slug": old}))["Location"] == reverse(
        url_name, kwargs={"slug": row.slug}
    )
    assert client.get(reverse(url_name, kwargs={"slug": "never-a-slug"})).status_code == 404


def test_a_reused_slug_belongs_to_its_new_holder(client, as_committed):
    first, second = Party.objects.order_by("pk")[:2]
    old = rename(first, as_committed)
    second.slug = old
    second.save()
    as_committed()
    response = client.get(reverse("donors:party-detail", kwargs={"slug": old}))
    assert response.status_code == 200 and second.name.encode() in response.content


def test_a_provision_cell_follows_both_renames(client, as_committed):
    cell = AgreementProvision.objects.select_related("agreement", "provision").order_by("pk").first()
    old_agreement = rename(cell.agreement, as_committed)
    old_provision = rename(cell.provision, as_committed)
    response = client.get(reverse("provisions:cell", args=[old_agreement, old_provision]))
    assert response.status_code == 301
    assert response["Location"] == reverse("provisions:cell", args=[cell.agreement.slug, cell.provision.slug])
