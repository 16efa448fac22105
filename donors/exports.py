"""The parties, memberships, people and offices tables of the CSV exports."""

from core.csv_export import UPDATED_AT, Column, Table, joined
from donors.models import Membership, Office, Party, Person
from sources.exports import cited_in


def period(start: str, end: str, what: str) -> list[Column]:
    """The four columns of a span of time known to a day, a month or a year."""
    return [
        Column(
            start, "date", f"When {what} began, ISO 8601; empty if unknown.", "2019-10-01", empty="unknown"
        ),
        Column(start.replace("_on", "_precision"), "text", "day, month or year.", "month"),
        Column(end, "date", f"When {what} ended, ISO 8601; empty if it has not.", "", empty="has not ended"),
        Column(end.replace("_on", "_precision"), "text", "day, month or year.", ""),
    ]


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
            "Organisations and groups it belongs to, joined with '; ' (see memberships).",
            "g7; nato",
            joined(Membership, "member", "organisation__slug"),
        ),
        Column("notes", "text", "Editors' notes.", ""),
        *cited_in("party"),
        UPDATED_AT,
    ],
)

MEMBERSHIPS = Table(
    name="memberships",
    description="Which party belongs to which organisation or group, from and to when.",
    model=Membership,
    order_by=("organisation__slug", "member__slug", "pk"),
    columns=[
        Column("membership_id", "integer", "Identifier.", "21", "pk"),
        Column("member_slug", "text", "The member (parties.slug).", "netherlands", "member__slug"),
        Column(
            "organisation_slug",
            "text",
            "The organisation or group (parties.slug).",
            "nato",
            "organisation__slug",
        ),
        *period("joined_on", "left_on", "the membership"),
        *cited_in("membership"),
        UPDATED_AT,
    ],
)

PEOPLE = Table(
    name="people",
    description="People who signed agreements or held the offices recorded.",
    model=Person,
    order_by=("name", "pk"),
    columns=[
        Column("person_id", "integer", "Identifier.", "8", "pk"),
        Column("slug", "text", "Stable text identifier; signatories.person_slug uses it.", "mark-rutte"),
        Column("name", "text", "Full name as usually written in English.", "Mark Rutte"),
        Column(
            "country_slug",
            "text",
            "The state the person comes from (parties.slug).",
            "netherlands",
            "country__slug",
        ),
        Column("notes", "text", "Other spellings; editors' notes.", ""),
        UPDATED_AT,
    ],
)

OFFICES = Table(
    name="offices",
    description="Posts people held (Prime Minister of the Netherlands), from and to a date.",
    model=Office,
    order_by=("person__name", "started_on", "pk"),
    columns=[
        Column("office_id", "integer", "Identifier; signatories.office_id refers to it.", "5", "pk"),
        Column("person_id", "integer", "Who held it (people.person_id).", "8"),
        Column("person_slug", "text", "That person's slug.", "mark-rutte", "person__slug"),
        Column("title", "text", "The post.", "Prime Minister"),
        Column(
            "party_slug",
            "text",
            "The state or organisation it serves (parties.slug).",
            "netherlands",
            "party__slug",
        ),
        *period("started_on", "ended_on", "the person's time in office"),
        *cited_in("office"),
        UPDATED_AT,
    ],
)
