"""The shipped coding: every answer the text gives cites a sentence of that agreement's own
text, inside the passage stored with the cell; Greece's cells say its text is unpublished;
the G7 declaration (text not at hand) is not yet coded."""

import pytest

from agreements.models import Agreement
from provisions.models import AgreementProvision, Provision
from sources.models import Citation, SourceKind

pytestmark = pytest.mark.usefixtures("seeded")


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_every_coded_answer_cites_a_quote_inside_its_passage():
    cells = AgreementProvision.objects.prefetch_related("citations__source").select_related("agreement")
    quoted = [c for c in cells if c.answer in ("yes", "no")]
    assert len(quoted) > 500
    for cell in quoted:
        citations = list(cell.citations.all())
        assert citations, f"{cell}: no citation"
        for citation in citations:
            assert citation.locator, f"{cell}: no article"
            assert squeeze(citation.quote) in squeeze(cell.passage), f"{cell}: quote not in its passage"


def test_each_cell_cites_its_own_agreement_s_text():
    """The cited source is a text of the agreement that the agreement's other facts also cite."""
    for cell in AgreementProvision.objects.filter(answer__in=["yes", "no"]).prefetch_related("citations"):
        own = Citation.objects.filter(agreement=cell.agreement_id).values_list("source_id", flat=True)
        for citation in cell.citations.all():
            assert citation.source.kind == SourceKind.TEXT, cell
            assert citation.source_id in set(own), f"{cell}: cites another agreement's text"


def test_silent_and_unpublished_cells_cite_nothing():
    for cell in AgreementProvision.objects.exclude(answer__in=["yes", "no"]):
        assert not cell.citations.exists() and cell.passage == "", cell


def test_greece_says_its_text_is_unpublished_and_g7_is_not_yet_coded():
    greece = Agreement.objects.get(slug="ukraine-greece-security-agreement")
    assert set(greece.provision_cells.values_list("answer", flat=True)) == {"not_public"}
    assert greece.provision_cells.count() == Provision.objects.count()
    assert not AgreementProvision.objects.filter(
        agreement__slug="g7-joint-declaration-of-support-for-ukraine"
    )


def test_italy_is_quoted_in_the_language_of_its_text():
    for citation in Citation.objects.filter(
        agreement_provision__agreement__slug="ukraine-italy-security-agreement"
    ):
        assert citation.source.language == "uk"
        assert any("\u0400" <= ch <= "\u04ff" for ch in citation.quote), citation.quote
