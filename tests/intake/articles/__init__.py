"""Real articles (the seed articles' texts, copied here so no test reads outside the
repository), each with the address it was published at."""

from pathlib import Path

HERE = Path(__file__).parent

URLS = {
    "good-time-invest-2024-01-31": "https://good-time-invest.com/blog/ukraine-expands-defense-cooperation-with-czech-republic-netherlands-and-denmark/",
    "government-of-norway-2024-04-15": "https://www.regjeringen.no/en/aktuelt/norway-and-ukraine-agree-on-security-assurances/id3034707/",
    "army-recognition-2024-05": "https://armyrecognition.com/news/army-news/army-news-2024/ukraine-and-luxembourg-begin-talks-on-bilateral-defense-and-security-agreement",
}


def article(name: str) -> tuple[str, str]:
    """(url, text) of an article."""
    return URLS[name], (HERE / f"{name}.txt").read_text(encoding="utf-8")
