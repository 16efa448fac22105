"""A verbatim quote is its source's own words: found in the stored text modulo
whitespace, typographic quotes and dashes, with '...' for words left out."""

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from quality.checks import CHECKS
from sources.models import SourceText
from sources.verbatim import failing_quotes, quote_in_text
from tests.factories import CitationFactory, SourceFactory

TEXT = "Norway\u2019s \u201cNansen\u201d programme \u2013 NOK 75 billion\nover a period of five years."


@pytest.mark.parametrize(
    "quote",
    [
        'Norway\'s "Nansen" programme - NOK 75 billion over a period of five years.',
        "NOK 75   billion over a period",
        "Norway\u2019s \u201cNansen\u201d programme ... over a period of five years.",
        "Norway's [...] NOK 75 billion",
    ],
)
def test_quotes_found_modulo_spacing_and_typography(quote):
    assert quote_in_text(quote, TEXT)


@pytest.mark.parametrize(
    "quote",
    [
        "NOK 57 billion",  # another figure
        "over a period of five years ... NOK 75 billion",  # the parts out of order
        "Norway's Nansen programme",  # the quotation marks are the source's
    ],
)
def test_other_words_are_not_found(quote):
    assert not quote_in_text(quote, TEXT)


@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip() and "..." not in s and "\u2026" not in s))
def test_any_piece_of_a_text_is_found_in_it_and_a_changed_piece_is_not(piece):
    text = f"Before. {piece} After."
    assert quote_in_text(piece, text)
    assert not quote_in_text(piece + " zzz-not-there", text)


@pytest.mark.django_db
def test_the_command_and_the_report_list_failing_quotes_only_where_a_text_is_stored():
    stored = SourceFactory()
    SourceText.objects.create(source=stored, text=TEXT)
    good = CitationFactory(source=stored, quote="NOK 75 billion")
    bad = CitationFactory(source=stored, quote="NOK 80 billion")
    CitationFactory(source=stored, quote="Norway gives 80 billion", quote_form="translation")
    CitationFactory(source=SourceFactory(), quote="No text is stored for this source.")
    assert [citation for citation, _ in failing_quotes()] == [bad]
    with pytest.raises(CommandError, match="1 quotes"):
        call_command("check_quotes")
    _title, check = CHECKS["quote_not_in_source"]
    findings = check()
    assert [f.admin_url.split("/")[-3] for f in findings] == [str(bad.pk)]
    bad.quote = "NOK 75 billion over a period of five years"
    bad.save()
    call_command("check_quotes")  # passes now
    assert check() == [] and good.pk
