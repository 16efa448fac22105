"""The overview and the compare page in headless Chromium at desktop and phone widths:
readable at a glance, nothing wider than the screen, the figures beside each chart."""

import pytest
from playwright.sync_api import expect

from donors.models import Party

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fits_the_screen(page):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def test_overview_ranks_every_partner_and_fits_the_screen(site, page, screenshot):
    page.goto(site + "/")
    ranked = page.locator("table.ranked").first.locator("tbody tr")
    donors = Party.objects.filter(pledges_given__amount_eur__isnull=False).distinct().count()
    expect(ranked).to_have_count(donors)
    first_money = ranked.first.locator(".money").first
    assert first_money.get_attribute("title").startswith("EUR ")  # the exact figure
    assert first_money.inner_text().endswith(" bn")  # as people write it
    expect(page.locator("svg.bar").first).to_be_visible()
    if page.width_name == "phone":  # money first on a phone
        money = ranked.first.locator(".money").first.bounding_box()
        name = ranked.first.locator("th").bounding_box()
        assert money["x"] < name["x"]
    fits_the_screen(page)
    screenshot("overview-ranked")


def test_compare_four_partners_side_by_side(site, page, screenshot):
    chosen = ["netherlands", "sweden", "denmark", "european-union"]
    page.goto(site + "/compare/?" + "&".join(f"party={slug}" for slug in chosen))
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare partners")
    expect(page.locator(".bar-row")).to_have_count(len(chosen))
    table = page.locator("#money-heading ~ .chart-and-table table")
    for slug in chosen:
        expect(table).to_contain_text(Party.objects.get(slug=slug).name)
    expect(table).to_contain_text("no GDP (not a state)")
    expect(page.locator(".partner-card")).to_have_count(len(chosen))
    fits_the_screen(page)
    screenshot("compare")


def test_compare_is_chosen_from_the_form(site, page):
    page.goto(site + "/compare/")
    page.get_by_role("listbox", name="Partners (hold").select_option(["norway", "iceland"])
    page.get_by_role("button", name="Compare").click()
    expect(page.locator(".bar-row")).to_have_count(2)
    expect(page.locator("#terms-heading ~ .partner-cards")).to_contain_text("Iceland")
