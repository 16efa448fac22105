"""The article intake on a database holding only what the article names: one fact from
several sentences, an uploaded page, and bad input refused with a message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pledges.models import Pledge
from sources.models import Source
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def test_one_fact_from_several_sentences_quotes_them_all(dutch_article, client, editor):
    source = dutch_article["source"]
    sentences = client.get(reverse("intake:sentences", args=[source.pk])).context["sentences"]
    dutch = next(s for s in sentences if s.text.startswith("Concurrently"))
    minister = next(s for s in sentences if s.text.startswith("Furthermore"))
    headline = sentences[0]
    response = client.get(
        reverse("intake:fact", args=[source.pk]),
        {"make": f"pledge:{dutch.index}:0", "s": [minister.index, headline.index]},
        follow=True,
    )
    quote = response.context["inline_admin_formsets"][0].formset.forms[0]["quote"].value()
    # In the article's order; the gap between the headline and the others marked "...".
    assert quote == f"{headline.text} ... {dutch.text} {minister.text}"
    data = change_form_data(response)
    assert client.post(response.redirect_chain[-1][0], data).status_code == 302
    assert Pledge.objects.get().citations.get().quote == quote


def test_an_uploaded_page_is_read_as_text(db, client, editor):
    page = (
        b"<html><head><title>Aid news</title><script>var x = 'not text';</script></head>"
        b"<body><nav>Menu</nav><h1>Aid news</h1>"
        b"<p>On 3 May 2024, Norway pledged NOK 1 billion.</p></body></html>"
    )
    upload = SimpleUploadedFile("article.html", page, content_type="text/html")
    response = client.post(
        reverse("intake:article"),
        {
            "url": "https://news.example/aid",
            "upload": upload,
            "kind": "news",
            "language": "en",
            "published_precision": "day",
        },
    )
    form = response.context["form"]
    assert form["title"].value() == "Aid news" and form["published_on"].value() == "2024-05-03"
    assert form["text"].value() == "Aid news\n\nOn 3 May 2024, Norway pledged NOK 1 billion."


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("page.pdf", b"%PDF-1.4"), "Upload a saved page"),
        (("page.html", "Привіт".encode("cp1251")), "not UTF-8"),
        (None, "Paste the article"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(db, client, editor, upload, message):
    data = {"url": "https://news.example/x", "kind": "news", "language": "en", "published_precision": "day"}
    if upload:
        data["upload"] = SimpleUploadedFile(*upload)
    response = client.post(reverse("intake:article"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Source.objects.exists()


def test_a_button_naming_no_sentence_is_a_400(dutch_article, client, editor):
    url = reverse("intake:fact", args=[dutch_article["source"].pk])
    for make in ["pledge:999", "bogus:0", "pledge:x", ""]:
        assert client.get(url, {"make": make}).status_code == 400, make
    assert client.get(url, {"make": "pledge:0", "s": "999"}).status_code == 400
    assert client.get(reverse("intake:sentences", args=[10**9])).status_code == 404
