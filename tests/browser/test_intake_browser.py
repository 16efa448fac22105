"""An editor turns a news article into two pledges with their citations, in headless
Chromium, counting clicks, page loads and typed characters: through the article intake
(after) and through the plain admin forms (before). The counts are printed and the
intake's are held to the issue's target; both assert what the database holds."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from core.permissions import EDITORS_GROUP, grant_editor_permissions
from pledges.models import Pledge
from sources.models import Source
from tests.browser.conftest import SCREENSHOTS, WIDTHS
from tests.factories import PartyFactory, ProgrammeFactory
from tests.intake.articles import article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTICLE = "good-time-invest-2024-01-31"
SENTENCE_START = "Concurrently, the Netherlands has pledged 87 million euros"
MAX_CLICKS = 15  # the target for two pledges with their citations


class Counted:
    """A page whose clicks, loads and keystrokes are counted."""

    def __init__(self, page):
        self.page, self.clicks, self.loads, self.typed = page, 0, 0, 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def type(self, locator, text):
        """Typed by hand: every character counts."""
        self.typed += len(text)
        locator.fill(text)

    def paste(self, locator, text):
        """Pasted (the article's text, copied from the page): one action, no typing."""
        locator.fill(text)

    def choose(self, locator, value):
        self.clicks += 2  # open the list, pick the option
        locator.select_option(value)

    def report(self, name):
        print(f"\n{name}: {self.clicks} clicks, {self.loads} page loads, {self.typed} characters typed")


@pytest.fixture
def editor_page(live_server, browser):
    """The parties and programme the article names, and an editor logged in at 1280 px."""
    for name, code in [("Ukraine", "UA"), ("Netherlands", "NL"), ("Denmark", "DK")]:
        PartyFactory(name=name, slug=name.lower(), iso_code=code)
    ProgrammeFactory(name="International Fund for Ukraine", slug="international-fund-for-ukraine")
    user = User.objects.create_user("editor-b", password="editor-b-pass", is_staff=True)
    # A test before may have flushed the group its migration made: make it again if so.
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    grant_editor_permissions(group, Permission)
    user.groups.add(group)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor-b")
    page.get_by_label("Password").fill("editor-b-pass")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    yield page
    context.close()


def _assert_two_pledges_citing(sentence_start):
    source = Source.objects.get(url=article(ARTICLE)[0])
    pledges = Pledge.objects.filter(donor__name="Netherlands").order_by("amount")
    assert [(p.amount, p.currency, p.recipient.name) for p in pledges] == [
        (Decimal(25_000_000), "EUR", "Ukraine"),
        (Decimal(87_000_000), "EUR", "Ukraine"),
    ]
    assert pledges[0].programme.name == "International Fund for Ukraine"
    for pledge in pledges:
        citation = pledge.citations.get()
        assert citation.source == source and citation.quote.startswith(sentence_start)
    return source


def _screenshot(page, name):
    """At desktop width, and at a phone's (back to desktop after)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size(WIDTHS["desktop"])
    return SCREENSHOTS / f"{name}-desktop.png"


def test_two_pledges_from_an_article_through_the_intake(editor_page):
    url, text = article(ARTICLE)
    page = Counted(editor_page)
    page.click(editor_page.get_by_role("link", name="Article intake"))
    page.type(editor_page.get_by_label("Url"), url)
    page.paste(editor_page.get_by_label("Text"), text)
    page.click(editor_page.get_by_role("button", name="Read the article"))
    # Title, publisher, date and language are suggested: nothing typed.
    expect(editor_page.get_by_label("Published on")).to_have_value("2024-01-31")
    page.click(editor_page.get_by_role("button", name="Save source and read its sentences"))
    sentence = editor_page.locator("li.sentence", has_text=SENTENCE_START)
    expect(sentence.locator(".found")).to_contain_text("87,000,000 EUR")
    screenshot_path = _screenshot(editor_page, "intake-sentences")
    for amount in ("87 million euros", "25 million euros"):
        page.click(sentence.get_by_role("button", name=f"Pledge of {amount}"))
        # The form is filled in from the sentence, which is its citation's quote.
        expect(editor_page.locator("#id_citations-0-quote")).to_have_value(re.compile(f"^{SENTENCE_START}"))
        expect(editor_page.locator("#id_amount")).to_have_value(re.compile(amount.split()[0] + "000000"))
        _screenshot(editor_page, "intake-pledge-form")
        page.click(editor_page.locator("input[name=_save]"))
        sentence = editor_page.locator("li.sentence", has_text=SENTENCE_START)
        expect(sentence).to_be_visible()
    _screenshot(editor_page, "intake-saved")
    page.report("after (article intake)")
    _assert_two_pledges_citing(SENTENCE_START)
    assert page.clicks <= MAX_CLICKS and page.typed == len(url), (page.clicks, page.typed)
    assert screenshot_path.exists()


def _autocomplete(page: Counted, field_id: str, search: str, option: str):
    page.click(page.page.locator(f"select#{field_id} + .select2 .select2-selection"))
    page.type(page.page.locator(".select2-container--open .select2-search__field"), search)
    page.click(page.page.locator(".select2-results__option", has_text=option).first)


def test_the_same_two_pledges_through_the_plain_admin_forms(editor_page):
    """The route before the intake, measured the same way: every value typed."""
    url, text = article(ARTICLE)
    sentence = next(line for line in text.splitlines() if line.startswith("Recent developments"))
    quote = sentence[sentence.index(SENTENCE_START) :].split(" Furthermore")[0]
    title = "Ukraine Expands Defense Cooperation with Czech Republic, Netherlands, and Denmark"
    page, admin = Counted(editor_page), editor_page
    page.click(admin.locator("tr.model-source a.addlink"))
    page.type(admin.get_by_label("Title"), title)
    page.type(admin.get_by_label("Publisher"), "Good Time Invest (good-time-invest.com)")
    page.type(admin.get_by_label("Url"), url)
    page.type(admin.get_by_label("Published on"), "2024-01-31")
    page.choose(admin.get_by_label("Published precision"), "day")
    page.click(admin.locator("input[name=_save]"))
    page.click(admin.get_by_role("link", name="Home"))
    page.click(admin.locator("tr.model-pledge a.addlink"))
    for amount, programme, purpose in [
        ("87000000", None, "artillery shell acquisitions"),
        ("25000000", "International Fund for Ukraine", "equipment procurement"),
    ]:
        _autocomplete(page, "id_donor", "Netherlands", "Netherlands")
        _autocomplete(page, "id_recipient", "Ukraine", "Ukraine")
        if programme:
            _autocomplete(page, "id_programme", "International Fund", programme)
        page.type(admin.locator("#id_purpose"), purpose)
        page.type(admin.locator("#id_amount"), amount)
        page.type(admin.locator("#id_currency"), "EUR")
        page.type(admin.locator("#id_announced_on"), "2024-01-31")
        page.choose(admin.locator("#id_announced_precision"), "day")
        _autocomplete(page, "id_citations-0-source", "Ukraine Expands", "Ukraine Expands")
        page.type(admin.locator("#id_citations-0-quote"), quote)
        page.click(admin.locator("input[name=_addanother]" if not programme else "input[name=_save]"))
        expect(admin.locator(".messagelist .success")).to_be_visible()
    page.report("before (plain admin forms)")
    _assert_two_pledges_citing(SENTENCE_START)
