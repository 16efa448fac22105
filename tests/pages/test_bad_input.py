"""Bad URL parameters get a clear message and a 400, never a 500."""

import pytest

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.mark.parametrize(
    "url, message",
    [
        ("/agreements/?status=bogus", "Select a valid choice"),
        ("/agreements/?party=atlantis", "Select a valid choice"),
        ("/agreements/?signed_from=2024-13-45", "Enter a valid date"),
        ("/agreements/?year=99999", "less than or equal to 2100"),
        ("/agreements/?sort=drop table", "Select a valid choice"),
        ("/agreements/?page=999999999999", "There is no page"),
        ("/agreements/?page=-1", "There is no page"),
        ("/agreements/?per_page=100000", "Page size must be one of"),
        ("/pledges/?amount_min=lots", "Enter a number"),
        ("/pledges/?amount_min=-5", "greater than or equal to 0"),
        ("/pledges/?currency=EURO", "three-letter ISO 4217 code"),
        ("/pledges/?year=abc", "Enter a whole number"),
        ("/timeline/?date_from=yesterday", "Enter a valid date"),
        ("/sources/?q=" + "x" * 201, "at most 200 characters"),
        ("/search/?q=" + "x" * 201, "at most 200 characters"),
        ("/search/?q=%00", "Null characters are not allowed"),
    ],
)
def test_bad_parameters_answer_400_with_a_message(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.text


@pytest.mark.parametrize(
    "url", ["/agreements/no-such-agreement/", "/parties/atlantis/", "/pledges/999999/", "/sources/999999/"]
)
def test_unknown_records_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", ["'", '"', "&", "!!", "a & | b", "(((", "-", "\\", "%00", "nansen -"])
def test_odd_search_text_is_harmless(client, query):
    assert client.get("/search/", {"q": query}).status_code == 200
    assert client.get("/agreements/", {"q": query}).status_code == 200
