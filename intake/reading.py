"""An article as pasted or uploaded: its text, and what it suggests about its source
(title, publisher, date, language)."""

import datetime
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from sources.models import Source

# Tags whose end starts a new line of text; tags whose content is not the article's.
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "header",
}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "footer"}


class _TextOfHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.title = [], 0, ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in SKIPPED_TAGS
        self._in_title = tag == "title"
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.skipping -= tag in SKIPPED_TAGS and self.skipping > 0
        self._in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(data)


def text_of_html(html: str) -> tuple[str, str]:
    """The readable text of an HTML page, a paragraph a line, and its <title>."""
    parser = _TextOfHTML()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line), " ".join(parser.title.split())


@dataclass
class Suggestions:
    title: str = ""
    publisher: str = ""
    published_on: datetime.date | None = None
    published_precision: str = "day"
    language: str = "en"


def _publisher(url: str) -> str:
    """The publisher other sources from the same site were recorded with, else the site's name."""
    host = urlsplit(url).hostname or ""
    if not host:
        return ""
    site = host.removeprefix("www.")
    known = (
        Source.objects.filter(url__iregex=r"^https?://(www\.)?" + re.escape(site) + "(/|$)")
        .exclude(publisher="")
        .values_list("publisher", flat=True)
        .first()
    )
    return known or site


def _dateline(text: str) -> tuple[datetime.date | None, str]:
    """The first full date in the article's opening lines (its dateline), with precision."""
    opening = "\n".join(text.splitlines()[:8])[:800]
    settings = {"REQUIRE_PARTS": ["year", "month"], "PREFER_DATES_FROM": "past"}
    parser = DateDataParser(languages=["en", "uk"], settings=settings)
    for found, _when in search_dates(opening, languages=["en", "uk"], settings=settings) or []:
        data = parser.get_date_data(found)
        if data.date_obj is not None:
            precision = "day" if data.period == "day" else "month"
            date = data.date_obj.date()
            return (date if precision == "day" else date.replace(day=1)), precision
    return None, "day"


def _language(text: str) -> str:
    """Ukrainian when most letters are Cyrillic, else English (the tracker's two)."""
    letters = [char for char in text if char.isalpha()]
    cyrillic = sum("\u0400" <= char <= "\u04ff" for char in letters)
    return "uk" if letters and cyrillic > len(letters) / 2 else "en"


def suggest(url: str, text: str, html_title: str = "") -> Suggestions:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    published_on, precision = _dateline(text)
    return Suggestions(
        title=(html_title or first_line)[:500],
        publisher=_publisher(url),
        published_on=published_on,
        published_precision=precision,
        language=_language(text),
    )
