"""Every analyst's page renders with the shipped data and answers the questions it is for."""

import re

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementStatus
from core.search import MATCH_END, MATCH_START
from core.templatetags.tracker import highlight
from pledges.models import Pledge
from tests.factories import SourceFactory

pytestmark = pytest.mark.usefixtures("seeded")

PAGES = [
    "/",
    "/agreements/",
    "/agreements/ukraine-netherlands-security-agreement/",
    "/timeline/",
    "/parties/",
    "/parties/netherlands/",
    "/pledges/",
    "/programmes/",
    "/programmes/nansen-support-programme/",
    "/sources/",
    "/search/?q=nansen",
    "/data/",
    "/disputes/",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1>" in response.text


def test_every_detail_page_renders(client):
    for pledge in Pledge.objects.all():
        assert client.get(pledge.get_absolute_url()).status_code == 200
    for agreement in Agreement.objects.all():
        assert client.get(agreement.get_absolute_url()).status_code == 200
    sources = client.get("/sources/").context["page"]
    for source in sources:
        assert client.get(source.get_absolute_url()).status_code == 200


def test_netherlands_page_says_when_where_and_by_whom(client):
    text = client.get("/agreements/ukraine-netherlands-security-agreement/").text
    assert "1 March 2024" in text and "Kharkiv" in text
    assert "Mark Rutte</strong>, Prime Minister of the Netherlands" in text
    assert "not preferred" in text and "2 March 2024" in text  # the dateline claim, kept beside
    assert "EUR 2,000,000,000" in text
    assert "The Diplomatic Insight" in text


def test_nansen_page_gives_its_worth_and_years(client):
    text = client.get("/programmes/nansen-support-programme/").text
    assert "NOK 75,000,000,000" in text
    assert "2023–2027" in text


def test_it_coalition_pledges_are_listed(client):
    response = client.get("/pledges/?programme=it-coalition")
    donors = {pledge.donor.name for pledge in response.context["page"]}
    assert donors == {"Denmark"}


def test_overview_counts_equal_the_database(client):
    response = client.get("/")
    counts = {value: count for value, _, count in response.context["status_counts"]}
    for status in AgreementStatus.values:
        assert counts[status] == Agreement.objects.filter(status=status).count()
    assert response.context["agreement_count"] == Agreement.objects.count()


def test_dates_show_at_their_precision(client):
    text = client.get("/timeline/").text
    assert "July 2023" in text  # the G7 declaration, known to the month
    assert "1 July 2023" not in text


def test_search_finds_the_nansen_programme_and_the_kharkiv_signing(client):
    nansen = client.get("/search/?q=nansen")
    programmes = next(g for g in nansen.context["groups"] if g["heading"] == "Programmes")
    assert programmes["hits"][0].slug == "nansen-support-programme"

    kharkiv = client.get("/search/?q=kharkiv")
    milestones = next(g for g in kharkiv.context["groups"] if g["heading"] == "Milestones")
    assert {m.agreement.slug for m in milestones["hits"]} == {"ukraine-netherlands-security-agreement"}
    assert "<mark>Kharkiv</mark>" in kharkiv.text


def test_search_results_escape_what_editors_typed(client):
    Agreement.objects.filter(slug="ukraine-norway-security-agreement").update(
        title="<script>alert('x')</script> Norway Nansen"
    )
    response = client.get("/search/?q=nansen")
    agreements = next(g for g in response.context["groups"] if g["heading"] == "Agreements")
    assert agreements["hits"][0].slug == "ukraine-norway-security-agreement"
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert" in response.text


def test_highlight_marks_matches_and_escapes_the_rest():
    snippet = f"<b>bold</b> {MATCH_START}Nansen{MATCH_END} & co"
    assert highlight(snippet) == "&lt;b&gt;bold&lt;/b&gt; <mark>Nansen</mark> &amp; co"


def test_agreement_list_links_to_every_agreement(client):
    response = client.get(reverse("agreements:agreement-list"))
    links = set(re.findall(r'href="(/agreements/[^/"]+/)"', response.text))
    assert links == {a.get_absolute_url() for a in Agreement.objects.all()}


def test_sort_and_page_links_keep_the_filters(client):
    text = client.get("/agreements/?status=signed&per_page=25").text
    assert 'href="?status=signed&amp;per_page=25&amp;sort=title"' in text

    SourceFactory.create_batch(30)
    first = client.get("/sources/?per_page=25&sort=title")
    assert 'href="?per_page=25&amp;sort=title&amp;page=2"' in first.text
    second = client.get("/sources/?per_page=25&sort=title&page=2")
    assert second.status_code == 200
    assert not set(first.context["page"].object_list) & set(second.context["page"].object_list)


def test_disputes_page_shows_each_claim_with_its_source(client):
    from sources.models import Citation, Claim, Dispute

    agreement = Agreement.objects.get(slug="ukraine-netherlands-security-agreement")
    dispute = Dispute.objects.create(topic="Number of articles", agreement=agreement)
    eleven = Claim.objects.create(
        dispute=dispute, statement="11 articles", is_preferred=True, reason="The text"
    )
    nine = Claim.objects.create(dispute=dispute, statement="9 articles")
    source = agreement.citations.first().source
    Citation.objects.create(source=source, claim=eleven, quote="Article XI")
    Citation.objects.create(source=source, claim=nine, quote="nine articles")

    text = client.get("/disputes/").text
    assert "Number of articles" in text and "11 articles" in text and "9 articles" in text
    assert "2 March 2024" in text and "1 March 2024" in text  # the Netherlands signing claims
    detail = client.get(agreement.get_absolute_url()).text
    assert "What sources dispute" in detail and "9 articles" in detail
    assert client.get(source.get_absolute_url()).status_code == 200  # a claim's citation links to its dispute
