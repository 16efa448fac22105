"""Whether a quote is its source's own words: found in the source's stored text,
modulo whitespace, typographic quotes and dashes, with "..." standing for left-out words."""

import re
import unicodedata

# Typographic marks editors and publishers swap freely; compared as their plain forms.
PLAIN_FORMS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u00ad": None,  # soft hyphen: invisible in the page
    }
)
# An ellipsis in a quote, plain or in brackets, stands for words left out.
ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|\u2026)\s*\]|\.\.\.|\u2026)\s*")


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(PLAIN_FORMS)
    return " ".join(text.split())


def quote_in_text(quote: str, text: str) -> bool:
    """Every part of the quote (between ellipses) is in the text, in that order."""
    haystack = normalised(text)
    position = 0
    for part in ELLIPSIS.split(normalised(quote)):
        if not part:
            continue
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def quote_problem(citation) -> str:
    """Why a citation's quote cannot stand, or "" when it can (or cannot be checked)."""
    from sources.models import QuoteForm, SourceText

    if not citation.quote or citation.quote_form != QuoteForm.VERBATIM:
        return ""
    stored = SourceText.objects.filter(source=citation.source_id).values_list("text", flat=True).first()
    if stored is None or quote_in_text(citation.quote, stored):
        return ""
    return (
        "This quote is not in the stored text of its source. Quote the source's own words, "
        "or mark the quote as a translation or a paraphrase."
    )


def failing_quotes(citations=None):
    """(citation, problem) for each verbatim quote missing from its source's stored text,
    over the citations given (default: all whose source has a stored text)."""
    from sources.models import Citation, QuoteForm

    if citations is None:
        citations = Citation.objects.all()
    checked = (
        citations.filter(source__stored_text__isnull=False, quote_form=QuoteForm.VERBATIM)
        .exclude(quote="")
        .select_related("source__stored_text", *Citation.FACT_PARENTS)
        .order_by("pk")
    )
    for citation in checked:
        if not quote_in_text(citation.quote, citation.source.stored_text.text):
            yield citation, "The quote is not in the stored text of its source (verbatim check)."
