"""The Atom feeds: valid Atom, and filtered exactly as the lists (their CSV exports) are."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from agreements.models import Agreement, Milestone, MilestoneKind
from donors.models import Party
from pledges.models import Pledge
from pledges.services import pledge_save

pytestmark = pytest.mark.usefixtures("seeded")
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    found = feed.findall(f"{ATOM}entry")
    for entry in found:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert entry.find(f"{ATOM}link").get("href")
    return found


def exported(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def agreement_filters() -> list[str]:
    """A filter of each kind the list has, with values taken from the data."""
    parties = Party.objects.filter(agreement_roles__isnull=False).distinct().order_by("slug")[:4]
    statuses = Agreement.objects.order_by().values_list("status", flat=True).distinct()
    years = {agreement.signed_on.year for agreement in Agreement.objects.exclude(signed_on=None)}
    return [
        "",
        *(f"party={party.slug}" for party in parties),
        *(f"status={status}" for status in statuses),
        *(f"year={year}" for year in sorted(years)[:3]),
        "q=security",
        "kind=security&party=ukraine",
    ]


@pytest.mark.parametrize("index", range(12))
def test_the_agreements_feed_holds_what_the_list_selects(client, index):
    filters = agreement_filters()
    query = filters[index % len(filters)]
    listed = {row["slug"] for row in exported(client, f"/agreements/export.csv?{query}")}
    fed = {
        entry.find(f"{ATOM}link").get("href").rstrip("/").split("/")[-1]
        for entry in entries(client, f"/feeds/agreements/?{query}")
    }
    if len(listed) <= 50:
        assert fed == listed, query
    else:
        assert len(fed) == 50 and fed <= listed, query


@pytest.mark.parametrize("kind", MilestoneKind.values)
def test_the_milestones_feed_holds_what_the_timeline_selects(client, kind):
    listed = {
        f"milestone:{row['milestone_id']}" for row in exported(client, f"/timeline/export.csv?kind={kind}")
    }
    fed = {entry.findtext(f"{ATOM}id") for entry in entries(client, f"/feeds/milestones/?kind={kind}")}
    assert fed == listed if len(listed) <= 50 else fed <= listed
    assert Milestone.objects.filter(kind=kind).count() == len(listed)


@pytest.mark.parametrize(
    "url",
    ["/feeds/agreements/?year=abc", "/feeds/milestones/?kind=nonsense", "/feeds/corrections/?table=users"],
)
def test_a_bad_filter_answers_400_with_its_reason(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_the_corrections_feed_shows_before_and_after_for_the_rows_the_filter_selects(client):
    pledge = Pledge.objects.exclude(purpose="").order_by("pk").first()
    other = Pledge.objects.exclude(donor=pledge.donor).exclude(purpose="").order_by("pk").first()
    for edited in (pledge, other):
        old = edited.purpose
        edited.purpose = f"{old} (corrected)"
        pledge_save(pledge=edited)
    found = entries(client, f"/feeds/corrections/?table=pledges&donor={pledge.donor.slug}")
    ids = {entry.findtext(f"{ATOM}id") for entry in found}
    assert any(i.startswith(f"pledges:{pledge.pk}:") for i in ids)
    assert not any(i.startswith(f"pledges:{other.pk}:") for i in ids)
    (mine,) = [e for e in found if e.findtext(f"{ATOM}id").startswith(f"pledges:{pledge.pk}:")]
    assert f"{pledge.purpose.removesuffix(' (corrected)')!r} → {pledge.purpose!r}" in mine.findtext(
        f"{ATOM}summary"
    )
    everything = {entry.findtext(f"{ATOM}id") for entry in entries(client, "/feeds/corrections/")}
    assert ids <= everything and any(i.startswith(f"pledges:{other.pk}:") for i in everything)


@pytest.mark.parametrize(
    "url", ["/feeds/agreements/", "/feeds/corrections/", "/feeds/milestones/?kind=nonsense"]
)
def test_a_feed_served_again_from_the_cache_keeps_its_bytes_and_content_type(client, url):
    first, again = client.get(url), client.get(url)
    assert (again.status_code, again["Content-Type"], again.content) == (
        first.status_code,
        first["Content-Type"],
        first.content,
    )
