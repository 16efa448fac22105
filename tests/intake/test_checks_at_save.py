"""What an intake's prefilled form checks at save: the quote is the source's own words,
and a fact that may already be recorded is named with a link and a choice."""

import html
import re

import pytest
from django.urls import reverse

from pledges.models import Pledge
from sources.models import Citation
from tests.admin_forms import change_form_data
from tests.factories import PledgeFactory

pytestmark = pytest.mark.django_db

SENTENCE_START = "Concurrently, the Netherlands has pledged 87 million euros"


def _prefilled_pledge(client, source, money_index=0):
    sentences = client.get(reverse("intake:sentences", args=[source.pk])).context["sentences"]
    sentence = next(s for s in sentences if s.text.startswith(SENTENCE_START))
    opened = client.get(
        reverse("intake:fact", args=[source.pk]),
        {"make": f"pledge:{sentence.index}:{money_index}"},
        follow=True,
    )
    return sentence, opened.redirect_chain[-1][0], change_form_data(opened)


def test_two_pledges_from_one_sentence_each_cite_it(dutch_article, client, editor):
    source = dutch_article["source"]
    for money_index, (amount, programme) in enumerate(
        [(87_000_000, None), (25_000_000, dutch_article["fund"])]
    ):
        sentence, url, data = _prefilled_pledge(client, source, money_index)
        saved = client.post(url, data)
        assert saved.status_code == 302, saved.context["adminform"].form.errors
        assert saved["Location"].startswith(reverse("intake:sentences", args=[source.pk]))
        pledge = Pledge.objects.get(amount=amount)
        assert (pledge.donor, pledge.recipient) == (dutch_article["Netherlands"], dutch_article["Ukraine"])
        assert (pledge.currency, pledge.programme) == ("EUR", programme)
        assert pledge.citations.get().quote == sentence.text
    assert Pledge.objects.get(amount=87_000_000).purpose == "artillery shell acquisitions"
    assert Pledge.objects.get(amount=25_000_000).purpose == "equipment procurement"


def test_a_quote_not_in_the_stored_text_is_refused_unless_marked(dutch_article, client, editor):
    _sentence, url, data = _prefilled_pledge(client, dutch_article["source"])
    data["citations-0-quote"] = "The Netherlands pledged 87 million euros."  # the editor's words
    refused = client.post(url, data)
    assert refused.status_code == 200 and not Pledge.objects.exists()
    assert "not in the stored text" in refused.content.decode()
    data["citations-0-quote_form"] = "paraphrase"
    assert client.post(url, data).status_code == 302
    assert Citation.objects.get().quote_form == "paraphrase"


def test_typographic_quotes_and_spacing_do_not_count_as_other_words(dutch_article, client, editor):
    sentence, url, data = _prefilled_pledge(client, dutch_article["source"])
    data["citations-0-quote"] = sentence.text.replace("Ukraine's", "Ukraine\u2019s").replace(" ", "  \n")
    assert client.post(url, data).status_code == 302


def test_a_possible_duplicate_is_named_and_the_editor_chooses(dutch_article, client, editor):
    recorded = PledgeFactory(
        donor=dutch_article["Netherlands"],
        recipient=dutch_article["Ukraine"],
        amount=86_000_000,
        currency="EUR",
    )
    _sentence, url, data = _prefilled_pledge(client, dutch_article["source"])
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 200 and Pledge.objects.count() == 1
    assert reverse("admin:pledges_pledge_change", args=[recorded.pk]) in page
    # "Same fact": the link opens the citation form for the recorded pledge with this quote.
    add_source = reverse("admin:sources_citation_add") + f"?pledge={recorded.pk}"
    assert add_source in page
    link = html.unescape(re.search(r'href="(/admin/sources/citation/add/[^"]+)"', page).group(1))
    cited = client.post(link, change_form_data(client.get(link)))
    assert cited.status_code == 302 and cited["Location"].endswith(f"/pledge/{recorded.pk}/change/")
    assert recorded.citations.get().quote == data["citations-0-quote"]
    data["duplicate_choice"] = "part"
    assert client.post(url, data).status_code == 302
    assert Pledge.objects.get(amount=87_000_000).part_of == recorded


def test_choosing_new_records_it_beside_the_similar_one(dutch_article, client, editor):
    PledgeFactory(donor=dutch_article["Netherlands"], amount=87_000_000, currency="EUR")
    _sentence, url, data = _prefilled_pledge(client, dutch_article["source"])
    data["duplicate_choice"] = "new"
    assert client.post(url, data).status_code == 302
    assert Pledge.objects.filter(amount=87_000_000).count() == 2


def test_a_milestone_on_the_same_day_of_the_same_kind_is_named(dutch_article, client, editor):
    from agreements.models import Milestone
    from tests.factories import AgreementFactory, MilestoneFactory

    agreement = AgreementFactory(parties=[dutch_article["Ukraine"], dutch_article["Netherlands"]])
    recorded = MilestoneFactory(agreement=agreement, kind="signed", date="2024-01-31", date_precision="day")
    url = reverse("admin:agreements_milestone_add") + f"?agreement={agreement.pk}&kind=signed&date=2024-01-31"
    data = change_form_data(client.get(url))
    data |= {"date_precision": "day", "party": dutch_article["Netherlands"].pk}
    refused = client.post(url, data)
    assert refused.status_code == 200 and Milestone.objects.count() == 1
    assert reverse("admin:agreements_milestone_change", args=[recorded.pk]) in refused.content.decode()
    data["duplicate_choice"] = "new"
    assert client.post(url, data).status_code == 302 and Milestone.objects.count() == 2
