import pytest

from sources.models import SourceText
from tests.factories import PartyFactory, ProgrammeFactory, SourceFactory
from tests.intake.articles import article


@pytest.fixture
def dutch_article(db):
    """The Good Time Invest article of 31 January 2024 recorded with its text, and the
    parties and programme it names, on an otherwise empty database."""
    url, text = article("good-time-invest-2024-01-31")
    parties = {
        name: PartyFactory(name=name, slug=name.lower().replace(" ", "-"), iso_code=code)
        for name, code in [
            ("Ukraine", "UA"),
            ("Netherlands", "NL"),
            ("Denmark", "DK"),
            ("Czech Republic", "CZ"),
        ]
    }
    fund = ProgrammeFactory(name="International Fund for Ukraine", slug="international-fund-for-ukraine")
    source = SourceFactory(
        url=url,
        title="Ukraine Expands Defense Cooperation with Czech Republic, Netherlands, and Denmark",
        publisher="Good Time Invest (good-time-invest.com)",
    )
    SourceText.objects.create(source=source, text=text)
    return {"source": source, "text": text, "fund": fund, **parties}
