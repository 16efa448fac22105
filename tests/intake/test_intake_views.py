"""The article intake in the admin: recording a source once with its text, the sentence
view, prefilled fact forms citing the sentences, and who may see stored texts."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from donors.models import Party
from pledges.models import Programme
from sources.models import Source, SourceText
from tests.intake.articles import article

pytestmark = pytest.mark.django_db


def _intake(client, url, text, **fields):
    return client.post(reverse("intake:article"), {"url": url, "text": text, "kind": "news", **fields})


def test_an_editor_records_a_new_article_in_two_steps(seeded, client, editor):
    url, text = article("good-time-invest-2024-01-31")
    url = url + "?copy"  # not the shipped source's address: a new one
    first = _intake(client, url, text, language="en", published_precision="day")
    assert first.status_code == 200 and not Source.objects.filter(url=url).exists()
    suggested = first.context["form"]
    assert suggested["title"].value() == text.splitlines()[0]
    # The site is already known: its publisher is suggested as recorded.
    assert (
        suggested["publisher"].value()
        == Source.objects.get(url=article("good-time-invest-2024-01-31")[0]).publisher
    )
    assert suggested["published_on"].value() == "2024-01-31"
    data = {name: suggested[name].value() for name in suggested.fields if name != "upload"}
    # The same piece under another address is refused, naming why, and nothing is written.
    refused = client.post(reverse("intake:article"), data)
    assert refused.status_code == 200 and not Source.objects.filter(url=url).exists()
    assert "already recorded" in refused.content.decode()
    data["title"] += " (a second edition)"
    second = client.post(reverse("intake:article"), data)
    source = Source.objects.get(url=url)
    assert second.status_code == 302 and second["Location"] == reverse("intake:sentences", args=[source.pk])
    assert SourceText.objects.get(source=source).text == text


def test_an_address_already_recorded_reuses_its_source(seeded, client, editor):
    url, text = article("government-of-norway-2024-04-15")
    before = Source.objects.count()
    response = _intake(client, url, text, language="en", published_precision="day")
    source = Source.objects.get(url=url)
    assert response.status_code == 302 and Source.objects.count() == before
    assert source.stored_text.text == text


def test_the_sentence_view_annotates_and_its_buttons_prefill_a_pledge(seeded, client, editor):
    url, text = article("government-of-norway-2024-04-15")
    _intake(client, url, text, language="en", published_precision="day")
    source = Source.objects.get(url=url)
    page = client.get(reverse("intake:sentences", args=[source.pk]))
    sentences = page.context["sentences"]
    nansen = next(s for s in sentences if "NOK 75 billion" in s.text)
    assert {m.label for m in nansen.mentions} >= {"Ukraine", "Nansen Support Programme for Ukraine"}
    response = client.get(reverse("intake:fact", args=[source.pk]), {"make": f"pledge:{nansen.index}:0"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["amount"] == ["75000000000"] and query["currency"] == ["NOK"]
    # The sentence names no donor ('the Storting agreed'): the party the article names most.
    assert query["donor"] == [str(Party.objects.get(name="Norway").pk)]
    assert query["programme"] == [str(Programme.objects.get(name="Nansen Support Programme for Ukraine").pk)]
    assert (query["period_start_year"], query["period_end_year"]) == (["2023"], ["2027"])
    assert query["_cite_quote"] == [nansen.text]
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert nansen.text in form.content.decode()
