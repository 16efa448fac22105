"""The values a sentence states: sums with their currency and bound, dates with their
precision, periods and quantities. Parsing is left to libraries: sentencex splits
sentences, price-parser reads amounts and currencies, dateparser reads dates,
number-parser turns number words into digits; this module only finds where they are."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import sentencex
from dateparser.date import DateDataParser
from dateparser.search import search_dates
from number_parser import parse as digits_for_number_words
from price_parser import Price
from price_parser._currencies import CURRENCIES

from pledges.models import AmountQualifier

# Words that bound a sum, as the source says them, longest first.
QUALIFIERS = [
    ("more than", AmountQualifier.MORE_THAN),
    ("in excess of", AmountQualifier.MORE_THAN),
    ("at least", AmountQualifier.AT_LEAST),
    ("up to", AmountQualifier.UP_TO),
    ("almost", AmountQualifier.NEARLY),
    ("nearly", AmountQualifier.NEARLY),
    ("about", AmountQualifier.ABOUT),
    ("around", AmountQualifier.ABOUT),
    ("approximately", AmountQualifier.ABOUT),
    ("some", AmountQualifier.ABOUT),
    ("over", AmountQualifier.MORE_THAN),
    ("понад", AmountQualifier.MORE_THAN),
    ("до", AmountQualifier.UP_TO),
    ("близько", AmountQualifier.ABOUT),
]
SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "тис": 10**3,
    "млн": 10**6,
    "мільйон": 10**6,
    "мільйона": 10**6,
    "мільйонів": 10**6,
    "млрд": 10**9,
    "мільярд": 10**9,
    "мільярда": 10**9,
    "мільярдів": 10**9,
}
# A number, its scale word and up to two words of currency on either side: the span
# price-parser is then given to read.
MONEY_SPAN = re.compile(
    r"(?P<before>(?:[^\W\d]+\s+){0,2}|[$€£¥₴]\s*)(?P<number>\d[\d,.\s]*\d|\d)"
    r"(?:\s*(?P<scale>" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b\.?)?"
    r"(?P<after>(?:\s+[^\W\d]+){0,2})",
    re.IGNORECASE,
)
SEASONS = re.compile(r"\b(winter|spring|summer|autumn|fall)\s+of\s+(\d{4})\b", re.IGNORECASE)
PERIOD = re.compile(
    r"\b(?:over|for|during|within)\s+(?:a\s+period\s+of\s+|the\s+next\s+)?(\d+)\s+years?\b", re.I
)
YEAR_RANGE = re.compile(r"\b(20\d\d)\s*(?:-|–|—|to|until|through)\s*(20\d\d)\b")
QUANTITY = re.compile(r"\b(\d+)\s+((?:[A-Z0-9][\w-]*\s+){0,3}[a-z][\w-]*)")


@dataclass(frozen=True)
class Money:
    text: str
    amount: Decimal
    currency: str  # ISO 4217
    qualifier: str

    @property
    def qualifier_label(self) -> str:
        return "" if self.qualifier == AmountQualifier.EXACT else AmountQualifier(self.qualifier).label


@dataclass(frozen=True)
class StatedDate:
    text: str
    date: datetime.date
    precision: str  # day, month, year


@dataclass(frozen=True)
class Period:
    text: str
    years: int | None = None
    first_year: int | None = None
    last_year: int | None = None


@dataclass(frozen=True)
class Quantity:
    text: str
    count: int
    item: str


def sentences(text: str, language: str) -> list[str]:
    return [sentence.strip() for sentence in sentencex.segment(language or "en", text) if sentence.strip()]


# Currency names price-parser does not know, in the forms Ukrainian news declines them.
CURRENCY_WORDS = {
    "euro": "EUR",
    "євро": "EUR",
    "долар": "USD",
    "долара": "USD",
    "доларів": "USD",
    "дол": "USD",
    "гривня": "UAH",
    "гривні": "UAH",
    "гривень": "UAH",
    "грн": "UAH",
    "фунтів": "GBP",
    "крон": "",  # Norwegian, Swedish, Danish or Czech: the editor says which
}
# Symbols several currencies share: read as the one news about Ukraine's aid means.
COMMON_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "kr": ""}


def _iso_currency(found: str | None) -> str:
    """price-parser gives what the text says ('euros', '€', 'NOK'); the tracker keeps codes."""
    if not found:
        return ""
    if found.strip() in COMMON_SYMBOLS:
        return COMMON_SYMBOLS[found.strip()]
    word = found.strip().casefold().rstrip("s")
    for code, names in CURRENCIES.items():
        spellings = {code.casefold(), *(str(value).casefold() for value in names.values() if value)}
        if word in spellings or found.strip() in names.values() or found.strip().casefold() in spellings:
            return code
    return CURRENCY_WORDS.get(word, "")


def _qualifier(before: str) -> str:
    """The bound the words just before a sum give it ('over', 'up to'), past its currency."""
    tail = re.sub(r"(?:[$€£¥₴]|\b[A-Z]{3})\s*$", "", before.rstrip()).casefold().strip()
    for words, qualifier in QUALIFIERS:
        if tail.endswith(words):
            return qualifier
    return AmountQualifier.EXACT


def _money_words(match: re.Match) -> str:
    """The words of the sum itself, without the context the span took to find its currency."""
    before = match.group("before").split()
    after = match.group("after").split()
    head = [w for w in before[-1:] if _iso_currency(w) or w in COMMON_SYMBOLS]
    tail = [w for w in after[:1] if _iso_currency(w)]
    number = match.group("number") + (f" {match.group('scale')}" if match.group("scale") else "")
    return " ".join([*head, number, *tail]).replace("$ ", "$").replace("€ ", "€")


def money(sentence: str) -> list[Money]:
    found = []
    for match in MONEY_SPAN.finditer(sentence):
        span = match.group(0)
        price = Price.fromstring(span)
        words = [*match.group("before").split()[-1:], *match.group("after").split()[:1]]
        currency = _iso_currency(price.currency) or next(filter(None, map(_iso_currency, words)), "")
        if price.amount is None or not currency:
            continue  # a number without a currency is not a sum
        scale = SCALES.get((match.group("scale") or "").casefold().rstrip("."), 1)
        amount = Price.fromstring(match.group("number")).amount or price.amount
        qualifier = _qualifier(sentence[: match.start("number")])
        found.append(Money(_money_words(match), amount * scale, currency, qualifier))
    return found


def _parsed_span(parser, text: str):
    """search_dates may take a word either side ('in March 2024 in'); the date is the
    longest inner run of words that parses alone."""
    words = text.split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            span = " ".join(words[start : start + size])
            data = parser.get_date_data(span)
            if data.date_obj is not None and re.search(r"\d{4}", span):
                return span, data
    return text, None


def dates(sentence: str, base: datetime.date | None = None) -> list[StatedDate]:
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"]}
    if base:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time())
    found = []
    for season, year in SEASONS.findall(sentence):
        found.append(StatedDate(f"{season} of {year}", datetime.date(int(year), 1, 1), "year"))
    parser = DateDataParser(languages=["en", "uk"], settings=settings)
    for text, _when in search_dates(sentence, languages=["en", "uk"], settings=settings) or []:
        text = text.strip(" ,.;")
        if not re.search(r"\d{4}", text) or any(text in date.text or date.text in text for date in found):
            continue
        text, data = _parsed_span(parser, text)
        if data is None:
            continue
        precision = {"day": "day", "month": "month"}.get(data.period, "year")
        when = data.date_obj.date()
        when = when.replace(day=1) if precision != "day" else when
        when = when.replace(month=1) if precision == "year" else when
        if all((date.date, date.precision) != (when, precision) for date in found):
            found.append(StatedDate(text, when, precision))
    return found


def periods(sentence: str) -> list[Period]:
    plain = digits_for_number_words(sentence)
    found = [Period(match.group(0), years=int(match.group(1))) for match in PERIOD.finditer(plain)]
    found += [
        Period(match.group(0), first_year=int(match.group(1)), last_year=int(match.group(2)))
        for match in YEAR_RANGE.finditer(plain)
    ]
    return found


def quantities(sentence: str) -> list[Quantity]:
    """Counted items ('two ASC 890 aircraft'), once the sums and decimals are taken out."""
    for sum_stated in money(sentence):
        sentence = sentence.replace(sum_stated.text, " ; ")
    plain = digits_for_number_words(re.sub(r"\d+[.,]\d+", " ; ", sentence))
    not_items = {"year", "day", "month", "week", "percent", "per"}
    found = []
    for match in QUANTITY.finditer(plain):
        count, item = match.group(1), match.group(2)
        if len(count) == 4 or item.split()[0].casefold().rstrip("s") in not_items | set(SCALES):
            continue
        found.append(Quantity(match.group(0), int(count), item))
    return found
