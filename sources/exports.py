"""The sources, citations, disputes and claims tables of the CSV exports, and the
columns that list a row's sources."""

from django.db.models import Case, Q, TextField, Value, When
from django.db.models.functions import Coalesce

from core.csv_export import UPDATED_AT, Column, Table, joined, joined_ids
from sources.models import CITED_FACTS, Citation, Claim, Dispute, Source


def cited_in(fact: str) -> list[Column]:
    """The sources cited for a row of a fact table (`fact` is the Citation field naming it)."""
    return [
        Column(
            "source_urls",
            "text",
            "Addresses of the sources cited for this row, joined with '; '.",
            "https://www.pravda.com.ua/eng/news/2024/03/1/7444556/",
            joined(Citation, fact, "source__url", ~Q(source__url="")),
        ),
        Column(
            "source_ids",
            "text",
            "The sources cited for this row (sources.source_id), joined with '; '; "
            "includes sources without an address.",
            "2; 17",
            joined_ids(Citation, fact, "source_id"),
        ),
    ]


SOURCES = Table(
    name="sources",
    description="News articles, official statements, agreement texts and datasets the facts come from.",
    model=Source,
    order_by=("pk",),
    columns=[
        Column("source_id", "integer", "Identifier; citations refer to it.", "2", "pk"),
        Column(
            "title", "text", "Headline or title.", "Ukraine and Netherlands inks 10-year security agreement"
        ),
        Column("publisher", "text", "Who published it.", "The Diplomatic Insight"),
        Column("author", "text", "Author or byline.", ""),
        Column("kind", "text", "news, official, text, dataset or research.", "news"),
        Column("published_on", "date", "Publication date (an article's dateline), ISO 8601.", "2024-03-02"),
        Column("published_precision", "text", "day, month or year.", "day"),
        Column("url", "text", "Web address.", "https://thediplomaticinsight.com/..."),
        Column("language", "text", "ISO 639-1 code.", "en"),
        Column("notes", "text", "Editors' notes, e.g. counts the article states.", ""),
        UPDATED_AT,
    ],
)

# Which kind of fact a citation backs, and that fact's identifier in its own table.
FACT_TYPE = Case(
    *[When(**{f"{name}__isnull": False}, then=Value(name)) for name, _ in CITED_FACTS],
    output_field=TextField(),
)
FACT_ID = Coalesce(*[f"{name}_id" for name, _ in CITED_FACTS])


def fact_table(fact_type: str) -> str:
    """The exported table holding facts of a type: its model's plural name (party → parties)."""
    model = Citation._meta.get_field(fact_type).related_model
    return str(model._meta.verbose_name_plural).replace(" ", "_")


CITATIONS = Table(
    name="citations",
    description="Each row: a source backing one fact, with the sentence quoted.",
    model=Citation,
    order_by=("pk",),
    columns=[
        Column("citation_id", "integer", "Identifier.", "40", "pk"),
        Column("source_id", "integer", "The source (sources.source_id).", "2"),
        Column(
            "source_url",
            "text",
            "The source's address.",
            "https://thediplomaticinsight.com/...",
            "source__url",
        ),
        Column(
            "fact_type",
            "text",
            "The kind of fact backed, and the table that holds it: "
            + ", ".join(f"{name} ({fact_table(name)})" for name, _ in CITED_FACTS)
            + ".",
            "milestone",
            FACT_TYPE,
        ),
        Column(
            "fact_id",
            "integer",
            "The fact's identifier in that table (e.g. milestones.milestone_id).",
            "12",
            FACT_ID,
        ),
        Column(
            "quote",
            "text",
            "The sentence in the source that states the fact.",
            "Kharkiv, 2 March 2024 (TDI): ...",
        ),
        Column(
            "quote_form",
            "text",
            "verbatim (the source's own words), translation or paraphrase.",
            "verbatim",
        ),
        Column("locator", "text", "Where in the source.", "Art. XI"),
        Column("note", "text", "How the source bears on the fact, e.g. where it disagrees.", ""),
        UPDATED_AT,
    ],
)

DISPUTES = Table(
    name="disputes",
    description="Facts the sources disagree on other than dated events; the answers are in claims.",
    model=Dispute,
    order_by=("pk",),
    columns=[
        Column("dispute_id", "integer", "Identifier; claims refer to it.", "4", "pk"),
        Column("topic", "text", "The question the sources answer differently.", "Number of articles"),
        Column(
            "agreement_id", "integer", "The agreement it is about (agreements.agreement_id), if any.", "7"
        ),
        Column(
            "agreement_slug",
            "text",
            "That agreement's slug.",
            "ukraine-netherlands-security-agreement",
            "agreement__slug",
        ),
        Column("pledge_id", "integer", "The pledge it is about (pledges.pledge_id), if any.", ""),
        Column("is_open", "boolean", "false once the sources are reconciled.", "true"),
        Column("note", "text", "Context for readers.", ""),
        UPDATED_AT,
    ],
)

CLAIMS = Table(
    name="claims",
    description="The answers sources give to each dispute, each with its own citations.",
    model=Claim,
    order_by=("dispute_id", "pk"),
    columns=[
        Column("claim_id", "integer", "Identifier; citations of fact_type claim refer to it.", "9", "pk"),
        Column("dispute_id", "integer", "The question (disputes.dispute_id).", "4"),
        Column("statement", "text", "What the sources of this claim say.", "11 articles"),
        Column("is_preferred", "boolean", "true for the claim the tracker relies on.", "true"),
        Column("reason", "text", "Why it is preferred, or why not.", "The published text has 11."),
        *cited_in("claim"),
        UPDATED_AT,
    ],
)
