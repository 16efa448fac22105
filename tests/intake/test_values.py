"""The values read from sentences of the seed articles (copied in tests/intake/articles/):
each sentence is taken from the article's text, so the test reads what editors will."""

import datetime
from decimal import Decimal

import pytest

from intake import values
from pledges.models import AmountQualifier
from tests.intake.articles import article


def sentence_with(name: str, words: str) -> str:
    _url, text = article(name)
    found = [s for s in values.sentences(text, "en") if words in s]
    assert len(found) == 1, f"{words!r} is in {len(found)} sentences of {name}"
    return found[0]


def test_over_12_million_euros_is_a_sum_bounded_from_below():
    sentence = sentence_with("good-time-invest-2024-01-31", "over 12 million euros")
    assert values.money(sentence) == [
        values.Money("12 million euros", Decimal(12_000_000), "EUR", AmountQualifier.MORE_THAN)
    ]


def test_two_sums_in_one_sentence_are_two_values_in_their_order():
    sentence = sentence_with("good-time-invest-2024-01-31", "87 million euros")
    assert [(m.amount, m.currency, m.qualifier) for m in values.money(sentence)] == [
        (Decimal(87_000_000), "EUR", AmountQualifier.EXACT),
        (Decimal(25_000_000), "EUR", AmountQualifier.EXACT),
    ]


def test_nok_75_billion_over_a_period_of_five_years():
    sentence = sentence_with("government-of-norway-2024-04-15", "NOK 75 billion")
    assert [(m.amount, m.currency) for m in values.money(sentence)] == [(Decimal(75 * 10**9), "NOK")]
    assert [p.years for p in values.periods(sentence)] == [5]
    # "in the winter of 2023": a season, kept as its year.
    assert [(d.date, d.precision) for d in values.dates(sentence)] == [(datetime.date(2023, 1, 1), "year")]
    assert values.quantities(sentence) == []  # sums and years are not counted items


def test_decimal_billions_and_a_share_of_them():
    sentence = sentence_with("government-of-norway-2024-04-15", "NOK 19.9 billion")
    assert [m.amount for m in values.money(sentence)] == [Decimal("19.9") * 10**9, Decimal(11 * 10**9)]


def test_on_may_14_2024_is_a_day():
    sentence = sentence_with("army-recognition-2024-05", "May 14, 2024")
    assert [(d.date, d.precision) for d in values.dates(sentence)] == [(datetime.date(2024, 5, 14), "day")]


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("The text was signed in March 2024 in Kyiv.", datetime.date(2024, 3, 1), "month"),
        ("It was signed on 2 March 2024.", datetime.date(2024, 3, 2), "day"),
        ("Talks began in the summer of 2023.", datetime.date(2023, 1, 1), "year"),
        ("Угоду підписали 12 січня 2024 року.", datetime.date(2024, 1, 12), "day"),
    ],
)
def test_dates_keep_their_precision(text, date, precision):
    assert [(d.date, d.precision) for d in values.dates(text)] == [(date, precision)]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("It gives up to $1.5 billion.", AmountQualifier.UP_TO),
        ("It gives more than EUR 3 million.", AmountQualifier.MORE_THAN),
        ("It gives nearly £2 million.", AmountQualifier.NEARLY),
        ("It gives about 40 million euros.", AmountQualifier.ABOUT),
        ("It gives SEK 13.3 billion.", AmountQualifier.EXACT),
    ],
)
def test_the_words_before_a_sum_give_its_bound(text, qualifier):
    (stated,) = values.money(text)
    assert stated.qualifier == qualifier and stated.currency in {"USD", "EUR", "GBP", "SEK"}


def test_number_words_count_items_and_years():
    text = "Sweden will send two ASC 890 aircraft for 2024-2026."
    assert [(q.count, q.item) for q in values.quantities(text)] == [(2, "ASC 890 aircraft")]
    assert [(p.first_year, p.last_year) for p in values.periods(text)] == [(2024, 2026)]


def test_a_number_without_a_currency_is_not_a_sum():
    assert values.money("Ukraine has signed 29 agreements since 2024.") == []


def test_abbreviations_do_not_end_sentences_in_english_or_ukrainian():
    assert len(values.sentences("Mr. Eide met Dr. Smith in Kyiv. They agreed.", "en")) == 2
    assert len(values.sentences("Це сталося 12 січня 2024 р. у Лондоні. Далі буде.", "uk")) == 2


@pytest.mark.parametrize(
    ("text", "amount", "currency", "qualifier"),
    [
        (
            "Данія виділить понад 12 мільйонів євро на кіберзахист.",
            12 * 10**6,
            "EUR",
            AmountQualifier.MORE_THAN,
        ),
        ("Франція виділить до 3 млрд євро у 2024 році.", 3 * 10**9, "EUR", AmountQualifier.UP_TO),
        ("Уряд спрямує 500 мільйонів гривень на відбудову.", 500 * 10**6, "UAH", AmountQualifier.EXACT),
    ],
)
def test_sums_in_ukrainian(text, amount, currency, qualifier):
    assert [(m.amount, m.currency, m.qualifier) for m in values.money(text)] == [
        (Decimal(amount), currency, qualifier)
    ]
