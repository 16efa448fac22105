"""An analyst's path through the site in headless Chromium, at desktop and phone widths."""

import re

import pytest
from playwright.sync_api import expect

from agreements.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_overview_shows_counts_and_charts(site, page, screenshot):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bilateral security agreements")
    expect(page.locator("#status-heading")).to_be_visible()
    # Chart.js built the chart from the same figures as the table beside it.
    bars = page.evaluate("() => Chart.getChart('pledged-by-category').data.datasets[0].data.length")
    assert bars == page.locator("#category-heading ~ table tbody tr").count() > 0
    expect(page.get_by_role("link", name="Netherlands").first).to_be_visible()
    screenshot("overview")


def test_filter_the_agreements_list(site, page, screenshot):
    page.goto(site + "/agreements/")
    page.get_by_label("Status", exact=True).select_option("in_force")  # not "Status as of"
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"[?&]status=in_force(&|$)"))  # the filter lives in the URL
    expect(page.locator(".summary")).to_contain_text("where status is in force")
    expect(page.locator("tbody tr")).to_have_count(Agreement.objects.filter(status="in_force").count())
    expect(
        page.get_by_role("link", name="Agreement on security cooperation between Ukraine and the Netherlands")
    ).to_be_visible()
    screenshot("agreements-in-force")


def test_search_from_the_header(site, page, screenshot):
    page.goto(site + "/")
    box = page.get_by_role("searchbox", name="Search everything")
    box.fill("Nansen")
    box.press("Enter")
    programmes = page.locator("section", has=page.get_by_role("heading", name="Programmes", exact=True))
    expect(programmes.get_by_role("link", name="Nansen Support Programme for Ukraine")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Nansen")
    screenshot("search-nansen")


def test_follow_an_agreement_to_its_sources(site, page, screenshot):
    page.goto(site + "/agreements/")
    page.get_by_role(
        "link", name="Agreement on security cooperation between Ukraine and the Netherlands"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("the Netherlands")
    expect(page.locator(".timeline")).to_contain_text("1 March 2024")
    expect(page.locator(".timeline")).to_contain_text("Kharkiv")
    expect(page.locator(".timeline .badge")).to_have_text("not preferred")
    sources = page.locator("section.sources")
    expect(sources).to_contain_text("officially inked a 10-year security agreement in Kharkiv")
    screenshot("agreement-netherlands")
    sources.get_by_role("link", name="Ukraine and Netherlands inks 10-year security agreement").first.click()
    expect(page.get_by_role("heading", name="Facts this source backs")).to_be_visible()
    expect(page.locator(".citations")).to_contain_text("signed 2 March 2024")
    screenshot("source-tdi")


def test_keyboard_focus_is_visible(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
