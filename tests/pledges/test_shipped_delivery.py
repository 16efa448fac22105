"""The shipped data's yearly pledges and evidence of delivery, as the pages show them."""

from django.core.cache import cache

from pledges.models import AmountBasis, Pledge


def test_icelands_yearly_minimum_counts_in_each_of_its_five_years(seeded):
    pledge = Pledge.objects.get(
        key="iceland-2024-economic-humanitarian-and-defence-related-support-annual-minimum"
    )
    parts = list(pledge.years.order_by("year"))
    assert pledge.amount_basis == AmountBasis.PER_YEAR
    assert [p.year for p in parts] == list(range(pledge.period_start_year, pledge.period_end_year + 1))
    assert all(p.amount == pledge.amount for p in parts)
    assert pledge.amount_eur == sum(p.amount_eur for p in parts)
    assert pledge.amount_eur > 4 * parts[0].amount_eur  # five years, not one


def test_every_pledge_with_a_sum_has_parts_adding_up_to_it(seeded):
    assert not Pledge.objects.filter(amount__isnull=False, amount_eur__isnull=True).exists()
    for pledge in Pledge.objects.filter(amount_eur__isnull=False).prefetch_related("years"):
        if not pledge.years_covered:  # euros with no year: the amount is its euro figure
            assert (pledge.currency, pledge.amount_eur) == ("EUR", pledge.amount), pledge.key
            continue
        parts = list(pledge.years.all())
        assert parts and sum(p.amount_eur for p in parts) == pledge.amount_eur, pledge.key
        assert sum(p.amount for p in parts) == pledge.amount_in_all, pledge.key


def test_every_fulfilment_is_sourced_and_linked_to_its_donors_commitment(seeded):
    rows = Pledge.objects.filter(fulfils__isnull=False).select_related("fulfils")
    assert rows.exists()
    for row in rows:
        assert row.donor_id == row.fulfils.donor_id and row.status in ("allocated", "delivered"), row.key
        assert row.citations.filter(source__url__startswith="https://").exists(), row.key


def test_party_and_agreement_pages_show_each_commitments_evidence_with_its_source(seeded, client):
    for row in Pledge.objects.filter(fulfils__isnull=False, agreement__isnull=False).select_related(
        "agreement", "donor"
    ):
        for url in (row.agreement.get_absolute_url(), row.donor.get_absolute_url()):
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, url
            records = {r.promise.pk: r for r in response.context["promise_records"]}
            assert row in records[row.fulfils_id].fulfilments, url
            quote = row.citations.first().quote
            assert quote.replace("'", "&#x27;") in response.content.decode(), url
            by_year = {year: figures for year, *figures in response.context["by_year"]}
            column = 1 if row.status == "allocated" else 2  # (promised, allocated, delivered)
            assert by_year[row.period_start_year][column] >= row.amount_eur, url


def test_a_partys_years_add_up_to_its_total(seeded, client):
    for slug in ("norway", "iceland", "united-kingdom"):
        cache.clear()
        context = client.get(f"/parties/{slug}/").context
        assert sum(total for _, total in context["pledges_by_year"]) == context["total_eur"], slug


def test_the_pledges_lists_original_currency_totals_count_a_yearly_amount_each_year(seeded, client):
    cache.clear()
    context = client.get("/pledges/?donor=iceland").context
    counted = Pledge.objects.filter(donor__slug="iceland").counted()
    expected = {}
    for pledge in counted.exclude(amount__isnull=True):
        expected[pledge.currency] = expected.get(pledge.currency, 0) + pledge.amount_in_all
    assert {row["currency"]: row["total"] for row in context["totals_by_currency"]} == expected
    assert any(p.amount_basis == AmountBasis.PER_YEAR for p in counted)
