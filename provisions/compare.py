"""Side by side: each provision's cells for two to four agreements, the quoted sentences
with the words that differ marked (difflib, on words, escaped before marking)."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def marked(text: str, other: str) -> SafeString:
    """`text` escaped, its words that are not in `other` inside <mark>."""
    words, others = text.split(), other.split()
    matcher = SequenceMatcher(a=others, b=words, autojunk=False)
    parts = []
    for tag, _, _, start, end in matcher.get_opcodes():
        chunk = escape(" ".join(words[start:end]))
        if chunk:
            parts.append(chunk if tag == "equal" else f"<mark>{chunk}</mark>")
    return mark_safe(" ".join(parts))


@dataclass
class Compared:
    cell: object  # AgreementProvision or None (not yet coded)
    quote: str
    marked_quote: SafeString


@dataclass
class Row:
    provision: object
    cells: list
    differ: bool


def _quote(cell) -> str:
    citations = list(cell.citations.all()) if cell else []
    return citations[0].quote if citations else ""


def _answer(cell):
    return None if cell is None else (cell.answer, cell.choice, cell.number, cell.text, cell.conditions)


def compare_rows(agreements, provisions, cells) -> list[Row]:
    """One row per provision. The first agreement's sentence is compared with the second's,
    every other with the first's."""
    rows = []
    for provision in provisions:
        row_cells = [cells.get((a.pk, provision.pk)) for a in agreements]
        quotes = [_quote(c) for c in row_cells]
        compared = []
        for index, (c, quote) in enumerate(zip(row_cells, quotes, strict=True)):
            baseline = quotes[1] if index == 0 else quotes[0]
            compared.append(
                Compared(c, quote, marked(quote, baseline) if quote and baseline else escape(quote))
            )
        differ = len({_answer(c) for c in row_cells}) > 1 or len(set(quotes)) > 1
        rows.append(Row(provision, compared, differ))
    return rows
