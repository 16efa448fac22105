"""The provisions matrix in headless Chromium at desktop and phone widths: the headers stay
in view while scrolling, a cell links to its sentence (no JavaScript needed), one provision at a
time reads on a phone, and the comparison marks the words that differ."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_matrix_answers_which_agreements_have_no_termination_clause(site, page, screenshot):
    page.goto(site + "/provisions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Provisions matrix")
    scroller = page.locator(".matrix-scroll")
    header = page.locator("table.matrix thead th").nth(3)
    row_heading = page.locator("table.matrix tbody th").nth(5)
    before = row_heading.bounding_box()
    scroller.evaluate("el => el.scrollBy(300, 400)")
    box = scroller.bounding_box()
    assert row_heading.bounding_box()["y"] < before["y"] - 300  # the rows scrolled...
    assert abs(header.bounding_box()["y"] - box["y"]) < 3  # ...under a header that stayed
    assert abs(row_heading.bounding_box()["x"] - before["x"]) < 3  # and the first column too
    screenshot("provisions-matrix")

    page.get_by_role("link", name="No termination clause").click()
    rows = page.locator("table.matrix tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("table.matrix tbody")).to_contain_text("Sweden")
    cell = page.locator("table.matrix tbody tr").first.locator("td").nth(8)
    expect(cell).to_contain_text("not stated")


def test_one_provision_at_a_time_on_a_phone(site, page, screenshot):
    page.goto(site + "/provisions/")
    page.get_by_label("Show", exact=True).select_option("consultations-deadline-hours")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Consultation deadline")).to_be_visible()
    us = page.locator(
        ".single-provision li", has_text="Bilateral Security Agreement between Ukraine and the United States"
    )
    expect(us).to_contain_text("where possible")
    expect(us.locator("blockquote")).to_contain_text("where possible within 24 hours")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, "the page scrolls sideways"
    screenshot("provisions-one-provision")


def test_a_cell_opens_its_sentence_and_article(site, page, screenshot):
    page.goto(site + "/provisions/?show=termination-notice-months&show=termination-possible")
    row = page.locator("table.matrix tbody tr", has_text="Netherlands")
    row.locator("td a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termination notice")
    expect(page.locator("blockquote")).to_contain_text("three months’ notice in writing")
    expect(page.locator("main")).to_contain_text("Paragraph 14: Procedural provisions, para 7")
    screenshot("provisions-cell-page")


def test_compare_the_us_and_lithuania(site, page, screenshot):
    page.goto(site + "/provisions/compare/")
    page.get_by_label("Agreement 1").select_option(
        label="Bilateral Security Agreement between Ukraine and the United States of America"
    )
    page.get_by_label("Agreement 2").select_option(index=0)
    page.get_by_label("Agreement 2").select_option("ukraine-lithuania-security-agreement")
    page.get_by_role("button", name="Compare").click()
    row = page.locator("table.compare tbody tr", has_text="Consultations after a future attack")
    expect(row.locator("mark").first).to_be_visible()
    expect(row).to_contain_text("differs")
    screenshot("provisions-compare")
