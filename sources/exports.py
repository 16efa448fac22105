"""The sources and citations tables of the CSV exports."""

from django.db.models import Case, TextField, Value, When
from django.db.models.functions import Coalesce

from core.csv_export import Column, Table
from sources.models import CITED_FACTS, Citation, Source

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
    ],
)

# Which kind of fact a citation backs, and that fact's identifier in its own table.
FACT_TYPE = Case(
    *[When(**{f"{name}__isnull": False}, then=Value(name)) for name, _ in CITED_FACTS],
    output_field=TextField(),
)
FACT_ID = Coalesce(*[f"{name}_id" for name, _ in CITED_FACTS])

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
            "The table of the fact backed: " + ", ".join(n for n, _ in CITED_FACTS) + ".",
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
        Column("locator", "text", "Where in the source.", "Art. XI"),
        Column("note", "text", "How the source bears on the fact, e.g. where it disagrees.", ""),
    ],
)
