"""The provisions pages: the matrix in every state a cell can be in, one provision at a
time, a cell's page, the comparison (differing words marked, text escaped), the section
on an agreement's page, and the CSV forms."""

import csv
import io
import re

import pytest
from django.urls import reverse

from agreements.models import Agreement
from portal.datasets import TABLES_BY_NAME
from provisions.compare import marked
from provisions.models import AgreementProvision, Provision

pytestmark = pytest.mark.usefixtures("seeded")

US = "ukraine-united-states-security-agreement"
LITHUANIA = "ukraine-lithuania-security-agreement"
NETHERLANDS = "ukraine-netherlands-security-agreement"


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_matrix_shows_every_state_with_symbol_and_words(client):
    html = text_of(client.get(reverse("provisions:matrix"), {"per_page": 100}))
    for words in ("not stated", "text not published", "not yet coded", "no</span>"):
        assert words in html, words
    for provision in Provision.objects.all():
        assert provision.name.replace("'", "&#x27;") in html or provision.name in html


def test_one_provision_at_a_time_shows_each_agreement_s_sentence(client):
    html = text_of(
        client.get(reverse("provisions:matrix"), {"show": "termination-notice-months", "per_page": 100})
    )
    cells = AgreementProvision.objects.filter(provision__slug="termination-notice-months", answer="yes")
    for cell in cells.prefetch_related("citations"):
        assert " ".join(cell.citations.get().quote.split()).replace("’", "’") in html
    assert client.get(reverse("provisions:matrix"), {"show": "nowhere"}).status_code == 400


@pytest.mark.parametrize("answer", ["yes", "no", "not_stated", "not_public"])
def test_a_cell_page_for_each_answer(client, answer):
    cell = AgreementProvision.objects.filter(answer=answer).select_related("agreement", "provision").first()
    html = text_of(client.get(cell.get_absolute_url()))
    assert cell.provision.question.replace("’", "’") in html
    assert {"yes": "●", "no": "✕", "not_stated": "not stated", "not_public": "text not published"}[
        answer
    ] in html


def test_an_uncoded_cell_page_says_so_and_unknown_ones_are_404(client):
    url = reverse("provisions:cell", args=["g7-joint-declaration-of-support-for-ukraine", "term-years"])
    assert "Not yet coded" in client.get(url).content.decode()
    assert client.get(reverse("provisions:cell", args=["nowhere", "term-years"])).status_code == 404
    assert client.get(reverse("provisions:cell", args=[US, "nowhere"])).status_code == 404


def test_compare_marks_the_words_that_differ():
    assert marked("meet where possible within 24 hours", "consult within 24 hours") == (
        "<mark>meet where possible</mark> within 24 hours"
    )
    assert marked("<script>x</script> same", "same") == "<mark>&lt;script&gt;x&lt;/script&gt;</mark> same"


def test_compare_us_lithuania_and_the_netherlands(client):
    response = client.get(reverse("provisions:compare"), {"a": [US, LITHUANIA, NETHERLANDS]})
    html = text_of(response)
    assert response.status_code == 200
    assert "<mark>" in html and "differs" in html
    words = re.sub(r"</?mark>", "", html)
    assert "where possible within 24 hours" in words  # the US's softened 24 hours
    assert "against any of the Parties" in words  # Lithuania's reciprocal trigger
    assert "against <mark>any of</mark>" in html  # compared with the US sentence


@pytest.mark.parametrize(
    "slugs",
    [
        [US],
        [US, "nowhere"],
        [US, LITHUANIA, NETHERLANDS, "ukraine-spain-security-agreement", "ukraine-sweden-security-agreement"],
        [US, "\x00"],  # PostgreSQL text cannot hold NUL: the query would fail with a 500
        [US, LITHUANIA + "\x00"],
    ],
)
def test_compare_refuses_bad_choices_with_a_400(client, slugs):
    assert client.get(reverse("provisions:compare"), {"a": slugs}).status_code == 400


def test_an_agreement_page_lists_its_provisions(client):
    html = text_of(client.get(reverse("agreements:agreement-detail", args=[NETHERLANDS])))
    assert 'id="provisions-heading"' in html
    assert "This Agreement may be terminated at any time upon a three months’ notice in writing." in html


def test_the_long_and_wide_csv_agree_with_the_cells(client):
    table = TABLES_BY_NAME["agreement_provisions"]
    long_rows = list(table.rows(table.model.objects.all()))
    assert len(long_rows) == AgreementProvision.objects.count()
    response = client.get(reverse("provisions:matrix-export"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == Agreement.objects.count()
    by_slug = {row["agreement_slug"]: row for row in rows}
    assert by_slug["ukraine-sweden-security-agreement"]["termination-possible"] == "not_stated"
    assert by_slug[NETHERLANDS]["termination-notice-months"] == "3"
    assert by_slug["ukraine-greece-security-agreement"]["term-years"] == "not_public"
    assert by_slug["g7-joint-declaration-of-support-for-ukraine"]["term-years"] == "uncoded"
    assert {"provisions", "agreement_provisions"} <= set(TABLES_BY_NAME)


def test_a_disputed_cell_names_its_dispute_with_the_claims(client):
    cell = AgreementProvision.objects.get(agreement__slug=US, provision__slug="legal-nature")
    assert cell.dispute.claims.count() == 2
    html = text_of(client.get(cell.get_absolute_url()))
    assert "disputed" in html and cell.dispute.get_absolute_url() in html
    assert "disputed" in text_of(client.get(reverse("provisions:matrix"), {"show": "legal-nature"}))
