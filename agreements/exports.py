"""The agreements, their parties, milestones, signatories and the areas of cooperation
in the CSV exports."""

from agreements.models import Agreement, AgreementParty, Area, Milestone, Signatory
from core.csv_export import UPDATED_AT, Column, Table, joined, joined_pairs
from sources.exports import cited_in

# The agreement a row belongs to, by id and by slug.
OF_AGREEMENT = [
    Column("agreement_id", "integer", "The agreement (agreements.agreement_id).", "7"),
    Column(
        "agreement_slug",
        "text",
        "The agreement's slug.",
        "ukraine-netherlands-security-agreement",
        "agreement__slug",
    ),
]

AGREEMENTS = Table(
    name="agreements",
    description="One row per agreement, with its derived status and signing date.",
    model=Agreement,
    order_by=("signed_on", "pk"),
    columns=[
        Column(
            "agreement_id", "integer", "Identifier; joins milestones, signatories and pledges.", "7", "pk"
        ),
        Column(
            "slug",
            "text",
            "Stable text identifier, as in the page address.",
            "ukraine-netherlands-security-agreement",
        ),
        Column(
            "title",
            "text",
            "Official title, or a descriptive one.",
            "Agreement on security cooperation between Ukraine and the Netherlands",
        ),
        Column("kind", "text", "security, cooperation, declaration, memorandum or treaty.", "security"),
        Column("is_bilateral", "boolean", "true when the agreement has exactly two parties.", "true"),
        Column(
            "status",
            "text",
            "Derived from the milestones: planned, negotiating, concluded, signed, ratified, "
            "in_force, expired, terminated.",
            "signed",
        ),
        Column(
            "signed_on",
            "date",
            "Date of signing (the preferred claim), ISO 8601.",
            "2024-03-01",
            empty="not signed (yet), or no source dates the signing",
        ),
        Column("signed_precision", "text", "How precisely signed_on is known: day, month or year.", "day"),
        Column(
            "party_slugs",
            "text",
            "Slugs of the parties, joined with '; ' (see parties).",
            "netherlands; ukraine",
            joined(AgreementParty, "agreement", "party__slug"),
        ),
        Column(
            "partner_slugs",
            "text",
            "Slugs of the parties giving support.",
            "netherlands",
            joined(AgreementParty, "agreement", "party__slug", role="partner"),
        ),
        Column(
            "party_roles",
            "text",
            "Each party with its role (recipient, partner, participant), 'slug:role' joined with '; '.",
            "netherlands:partner; ukraine:recipient",
            joined_pairs(AgreementParty, "agreement", "party__slug", "role"),
        ),
        Column(
            "term_years",
            "integer",
            "How many years it runs; empty if open-ended or unknown.",
            "10",
            empty="open-ended, or the term is not known",
        ),
        Column(
            "term_note",
            "text",
            "Duration, extension and termination terms in words.",
            "Terminable on three months' written notice.",
        ),
        Column("binding_nature", "text", "not_stated, legal or political.", "political"),
        Column(
            "framework_slug",
            "text",
            "Slug of the agreement it was concluded under.",
            "g7-joint-declaration-of-support-for-ukraine",
            "framework__slug",
        ),
        Column(
            "area_slugs",
            "text",
            "Areas of cooperation, joined with '; '.",
            "air-defence; artillery",
            joined(Agreement.areas.through, "agreement", "area__slug"),
        ),
        Column(
            "summary",
            "text",
            "A few plain sentences on what it does.",
            "Ten-year bilateral security agreement...",
        ),
        Column("text_url", "text", "Link to the official text.", "https://www.government.nl/..."),
        Column("notes", "text", "Editors' notes.", ""),
        *cited_in("agreement"),
        UPDATED_AT,
    ],
)

AGREEMENT_PARTIES = Table(
    name="agreement_parties",
    description="Each party to each agreement, with its role (also summed up in agreements.party_roles).",
    model=AgreementParty,
    order_by=("agreement_id", "pk"),
    columns=[
        Column("agreement_party_id", "integer", "Identifier.", "15", "pk"),
        *OF_AGREEMENT,
        Column("party_slug", "text", "The party (parties.slug).", "netherlands", "party__slug"),
        Column("role", "text", "recipient, partner or participant.", "partner"),
        UPDATED_AT,
    ],
)

AREAS = Table(
    name="areas",
    description="Areas of cooperation an agreement covers (agreements.area_slugs).",
    model=Area,
    order_by=("name",),
    columns=[
        Column("area_id", "integer", "Identifier.", "3", "pk"),
        Column("slug", "text", "Stable text identifier; agreements.area_slugs uses it.", "air-defence"),
        Column("name", "text", "Name of the area.", "Air defence"),
        UPDATED_AT,
    ],
)

MILESTONES = Table(
    name="milestones",
    description="Dated events in each agreement's life; disputed events have one row per claim.",
    model=Milestone,
    order_by=("date", "pk"),
    columns=[
        Column("milestone_id", "integer", "Identifier.", "12", "pk"),
        *OF_AGREEMENT,
        Column(
            "kind",
            "text",
            "talks_started, concluded, signed, published, ratified, in_force, expired or terminated.",
            "signed",
        ),
        Column("date", "date", "When, ISO 8601; a month- or year-precise date is on the 1st.", "2024-03-01"),
        Column("date_precision", "text", "day, month or year.", "day"),
        Column("place", "text", "Where.", "Kharkiv, Ukraine"),
        Column(
            "party_slug", "text", "The party concerned, for steps one party takes alone.", "", "party__slug"
        ),
        Column("is_preferred", "boolean", "false for a claim that other sources contradict.", "true"),
        Column(
            "note", "text", "Why a claim is preferred or not.", "The 2 March date is the article's dateline."
        ),
        *cited_in("milestone"),
        UPDATED_AT,
    ],
)

SIGNATORIES = Table(
    name="signatories",
    description="Who signed each agreement, for which party, with their title at signing.",
    model=Signatory,
    order_by=("agreement_id", "pk"),
    columns=[
        Column("signatory_id", "integer", "Identifier.", "3", "pk"),
        *OF_AGREEMENT,
        Column("person_slug", "text", "The person's slug.", "mark-rutte", "person__slug"),
        Column("person_name", "text", "The person's name.", "Mark Rutte", "person__name"),
        Column("party_slug", "text", "The party they signed for.", "netherlands", "party__slug"),
        Column(
            "title", "text", "Title at signing, as the source gives it.", "Prime Minister of the Netherlands"
        ),
        Column("office_id", "integer", "The office held that day (offices.office_id).", "5"),
        Column("office_title", "text", "The office held that day.", "Prime Minister", "office__title"),
        *cited_in("signatory"),
        UPDATED_AT,
    ],
)
