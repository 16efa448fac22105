"""The overview an analyst reads in ten seconds, and the disputes page grouped by agreement."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db.models import F
from simple_history.models import registered_models

from agreements.models import Agreement
from core.templatetags.tracker import format_money, short_money
from pledges.models import Pledge
from sources.models import Dispute
from tests.portal.test_compare import expected_totals

pytestmark = pytest.mark.usefixtures("seeded")


def ranked_by_euros(text):
    table = text[text.index("<caption>Ranked by euros pledged</caption>") :]
    table = table[: table.index("</table>")]
    return re.findall(r'<th scope="row"><a href="/parties/([^/]+)/">', table)


def test_every_partner_with_money_is_ranked_largest_first(client):
    donors = {
        pledge.donor for pledge in Pledge.objects.filter(amount_eur__isnull=False).select_related("donor")
    }
    totals = {donor.slug: sum(expected_totals(donor, lambda pledge: True).values()) for donor in donors}
    expected = sorted(totals, key=lambda slug: (-totals[slug], [d.name for d in donors if d.slug == slug][0]))
    text = client.get("/").content.decode()
    assert ranked_by_euros(text) == expected and len(expected) > 12
    for slug in expected:  # as people write it, the exact figure in its tooltip
        assert f'title="{format_money(totals[slug], "EUR")}">{short_money(totals[slug])}</span>' in text


def test_the_lead_gives_the_total_as_people_write_it(client):
    total = Pledge.objects.total_eur()
    text = client.get("/").content.decode()
    assert f'<span class="money" title="{format_money(total, "EUR")}">{short_money(total)}</span>' in text
    assert re.search(r"EUR [\d.]+ bn", short_money(total))


def test_agreements_signed_per_month_add_up_to_the_signed(client):
    cache.clear()
    context = client.get("/").context
    months = context["signed_by_month"]
    assert (
        sum(count for _, count in months) + context["signed_year_only"] == Agreement.objects.signed().count()
    )
    assert all(
        (b.year * 12 + b.month) - (a.year * 12 + a.month) == 1
        for (a, _), (b, _) in zip(months, months[1:], strict=False)
    )


def test_latest_changes_leave_out_the_first_load_and_show_a_later_edit(client, as_committed):
    for model in registered_models.values():  # the shipped data were loaded a day ago
        history = getattr(model, "history", None)
        if history is not None:
            history.model.objects.update(history_date=F("history_date") - timedelta(days=1))
    cache.clear()
    assert "No change since the data were first loaded" in client.get("/").content.decode()

    agreement = Agreement.objects.order_by("pk").first()
    agreement.title = "A title edited after the load"
    agreement.save()
    as_committed()
    text = client.get("/").content.decode()
    changes = text[text.index('id="changes-heading"') :]
    assert "Changed: agreement “A title edited after the load”" in changes
    assert changes.count("<li>") == 1  # nothing of the load


def test_disputes_are_grouped_by_agreement_with_a_table_of_contents(client):
    text = client.get("/disputes/").content.decode()
    toc = text[text.index('id="toc-heading"') : text.index("</nav>")]
    anchors = re.findall(r'href="#(about-[^"]+)"', toc)
    assert len(anchors) == len(set(anchors)) and all(f'<section id="{anchor}"' in text for anchor in anchors)
    for dispute in Dispute.objects.filter(is_open=True).select_related("agreement", "pledge__agreement"):
        assert text.count(f'<details id="dispute-{dispute.pk}"') == 1
        agreement = dispute.agreement or (dispute.pledge.agreement if dispute.pledge else None)
        section = f'<section id="about-{agreement.slug if agreement else "none"}"'
        start = text.index(section)
        end = text.find("<section", start + 1)
        assert f'id="dispute-{dispute.pk}"' in text[start : end if end > 0 else None], dispute.topic
