"""The provisions catalogue and the matrix (long form: one row per agreement and provision)
as tables of the CSV exports. The wide form, whose columns are the catalogue, is wide.py."""

from core.csv_export import UPDATED_AT, Column, JoinedArray, Table, joined
from provisions.models import AgreementProvision, Provision
from sources.exports import cited_in
from sources.models import Citation

PROVISIONS = Table(
    name="provisions",
    description="The catalogue of the provisions matrix: each question asked of every agreement's text.",
    model=Provision,
    order_by=("position", "slug"),
    columns=[
        Column("provision_id", "integer", "Identifier; agreement_provisions refer to it.", "9", "pk"),
        Column("slug", "text", "Stable text identifier, as in ?provision= filters.", "termination-possible"),
        Column("name", "text", "Short name.", "Termination clause"),
        Column(
            "question", "text", "The question a cell answers.", "Can either side terminate the agreement?"
        ),
        Column("value_type", "text", "yes_no, number, choice or text.", "yes_no"),
        Column("unit", "text", "Unit of a number provision.", "months"),
        Column(
            "choices",
            "text",
            "The allowed answers of a choice provision, joined with '; '.",
            "remains-in-force; to-be-reviewed; ends",
            JoinedArray("choices"),
        ),
        Column("guide", "text", "How a cell is decided (the coding guide).", "yes = a sentence allows ..."),
        Column("position", "integer", "Column order in the matrix.", "9"),
        UPDATED_AT,
    ],
)

AGREEMENT_PROVISIONS = Table(
    name="agreement_provisions",
    description="The provisions matrix, one row per agreement and coded provision. An agreement "
    "without a row for a provision is not yet coded (not the same as answer not_stated).",
    model=AgreementProvision,
    order_by=("agreement_id", "provision__position", "pk"),
    columns=[
        Column(
            "agreement_provision_id", "integer", "Identifier; citations.fact_id refers to it.", "120", "pk"
        ),
        Column("agreement_id", "integer", "The agreement (agreements.agreement_id).", "7"),
        Column(
            "agreement_slug",
            "text",
            "The agreement's slug.",
            "ukraine-netherlands-security-agreement",
            "agreement__slug",
        ),
        Column(
            "provision_slug",
            "text",
            "The provision (provisions.slug).",
            "termination-possible",
            "provision__slug",
        ),
        Column(
            "answer",
            "text",
            "yes (stated in the text), no (the text says no), not_stated (the text is silent) or "
            "not_public (the text is not published).",
            "yes",
        ),
        Column("choice", "text", "The answer of a choice provision.", "to-be-reviewed"),
        Column("number", "decimal", "The figure of a number provision.", "3"),
        Column("unit", "text", "Unit or currency of the figure.", "months"),
        Column("text", "text", "The answer of a text provision.", ""),
        Column("conditions", "text", "Qualifiers copied from the text.", "where possible"),
        Column("binds", "text", "The side the sentence obliges: both, ukraine or partner.", "both"),
        Column(
            "quote",
            "text",
            "The sentence of the text that proves the answer (of each citation, joined with '; ').",
            "This Agreement may be terminated at any time upon a three months’ notice in writing.",
            joined(Citation, "agreement_provision", "quote"),
        ),
        Column(
            "locator",
            "text",
            "The article or paragraph the sentence is in.",
            "Paragraph 14: Procedural provisions, para 7",
            joined(Citation, "agreement_provision", "locator"),
        ),
        Column("dispute_id", "integer", "A dispute about this cell, if any.", ""),
        Column("note", "text", "What a reader should know about this coding.", ""),
        *cited_in("agreement_provision"),
        UPDATED_AT,
    ],
)
