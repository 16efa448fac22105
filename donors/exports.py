"""The parties table of the CSV exports."""

from core.csv_export import Column, Table, joined
from donors.models import Membership, Party

PARTIES = Table(
    name="parties",
    description="States, international organisations, groups of states, funds and civil-society bodies.",
    model=Party,
    order_by=("name",),
    columns=[
        Column("party_id", "integer", "Identifier.", "3", "pk"),
        Column("slug", "text", "Stable text identifier; other tables refer to parties by it.", "netherlands"),
        Column("name", "text", "Common English name.", "Netherlands"),
        Column("kind", "text", "state, organisation, group, fund or civil_society.", "state"),
        Column("iso_code", "text", "ISO 3166-1 alpha-2 code (EU for the European Union).", "NL"),
        Column("official_name", "text", "Full official name.", "Kingdom of the Netherlands"),
        Column(
            "member_of_slugs",
            "text",
            "Organisations and groups it belongs to, joined with '; '.",
            "g7; nato",
            joined(Membership, "member", "organisation__slug"),
        ),
        Column("notes", "text", "Editors' notes.", ""),
    ],
)
