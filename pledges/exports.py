"""The pledges, programmes, programme memberships and exchange-rate tables of the CSV exports."""

from core.csv_export import UPDATED_AT, Column, Table, joined, joined_pairs
from pledges.models import ExchangeRate, Pledge, PledgeYear, Programme, ProgrammeMembership
from sources.exports import cited_in

PLEDGES = Table(
    name="pledges",
    description="Aid pledged: money in its own currency and in euros with the rate used, and/or a quantity.",
    model=Pledge,
    order_by=("pk",),
    columns=[
        Column("pledge_id", "integer", "Identifier.", "1", "pk"),
        Column("donor_slug", "text", "Who pledges (parties.slug).", "netherlands", "donor__slug"),
        Column("recipient_slug", "text", "Who receives (parties.slug).", "ukraine", "recipient__slug"),
        Column(
            "agreement_slug",
            "text",
            "The agreement it was made under.",
            "ukraine-netherlands-security-agreement",
            "agreement__slug",
        ),
        Column("programme_slug", "text", "The programme it goes through.", "it-coalition", "programme__slug"),
        Column(
            "category",
            "text",
            "military, financial, humanitarian or mixed (military and civilian).",
            "military",
        ),
        Column("purpose", "text", "What it is for.", "artillery shells"),
        Column(
            "amount",
            "decimal",
            "Sum in the original currency; empty when none is stated.",
            "75000000000.00",
            empty="no sum stated (a pledge in kind, or by a basis such as a share of GDP)",
        ),
        Column("currency", "text", "ISO 4217 code of amount.", "NOK"),
        Column(
            "amount_qualifier",
            "text",
            "How the source bounds the sum: exact, at_least, more_than, up_to, about, nearly.",
            "more_than",
        ),
        Column("quantity", "integer", "Number of items pledged in kind.", "24"),
        Column("item", "text", "What is counted.", "F-16 fighter jets"),
        Column("basis", "text", "A commitment with no fixed sum.", "0.25% of GDP a year"),
        Column("announced_on", "date", "When it was announced, ISO 8601.", "2024-01-01"),
        Column("announced_precision", "text", "day, month or year.", "month"),
        Column("period_start_year", "integer", "First year the pledge covers.", "2023"),
        Column("period_end_year", "integer", "Last year the pledge covers.", "2027"),
        Column(
            "amount_basis",
            "text",
            "total: amount is the sum over the period; per_year: amount is given for each year of it "
            "(pledge_years has each year's part).",
            "per_year",
        ),
        Column("status", "text", "announced, committed, allocated, delivered or cancelled.", "committed"),
        Column(
            "part_of_id",
            "integer",
            "The larger pledge this one is a share of (pledges.pledge_id); to add up pledges, "
            "skip rows whose part_of_id is among the rows added with an amount_eur.",
            "12",
        ),
        Column(
            "fulfils_id",
            "integer",
            "The commitment this allocation or delivery carries out (pledges.pledge_id); to add up "
            "pledges, skip rows whose fulfils_id is among the rows added with an amount_eur.",
            "40",
        ),
        Column(
            "amount_eur",
            "decimal",
            "The amount over its period in euros: the sum of its pledge_years rows' amount_eur.",
            "6564666339.89",
            empty="no amount, or no rate for its currency and year",
        ),
        Column(
            "eur_rate",
            "decimal",
            "Units of currency per euro used (annual average of ECB daily reference rates; 1 for EUR); "
            "over several years, what the yearly rates come to (amount over the period / amount_eur).",
            "11.424800",
        ),
        Column(
            "eur_rate_year",
            "integer",
            "Year of the rate used (see exchange_rates); empty when the yearly parts used several.",
            "2023",
        ),
        Column("notes", "text", "Editors' notes.", ""),
        *cited_in("pledge"),
        UPDATED_AT,
    ],
)

PLEDGE_YEARS = Table(
    name="pledge_years",
    description="Each pledge's money year by year, each year converted at its own year's rate.",
    model=PledgeYear,
    order_by=("pledge_id", "year"),
    columns=[
        Column("pledge_year_id", "integer", "Identifier.", "1", "pk"),
        Column("pledge_id", "integer", "The pledge (pledges.pledge_id).", "12"),
        Column("year", "integer", "The calendar year this part covers.", "2025"),
        Column(
            "amount",
            "decimal",
            "This year's part in the pledge's currency: its yearly amount, or its total split evenly "
            "over the period (the last year takes the cents left over).",
            "15000000000.00",
        ),
        Column("currency", "text", "ISO 4217 code of amount.", "NOK", "pledge__currency"),
        Column("amount_eur", "decimal", "This part in euros: amount / eur_rate.", "1276595744.68"),
        Column("eur_rate", "decimal", "Units of currency per euro used for this part.", "11.750000"),
        Column(
            "eur_rate_year",
            "integer",
            "Year of the annual average used: the part's year, or the nearest year with a rate "
            "when that year has none published yet.",
            "2025",
        ),
        UPDATED_AT,
    ],
)

PROGRAMMES = Table(
    name="programmes",
    description="Programmes, coalitions and funds that aid flows through.",
    model=Programme,
    order_by=("name",),
    columns=[
        Column("programme_id", "integer", "Identifier.", "5", "pk"),
        Column("slug", "text", "Stable text identifier.", "nansen-support-programme"),
        Column("name", "text", "Usual English name.", "Nansen Support Programme for Ukraine"),
        Column("kind", "text", "national, coalition, fund or procurement.", "national"),
        Column("budget_amount", "decimal", "Total budget in its own currency.", "75000000000.00"),
        Column("budget_currency", "text", "ISO 4217 code of the budget.", "NOK"),
        Column("start_year", "integer", "First year it covers.", "2023"),
        Column("end_year", "integer", "Last year it covers.", "2027"),
        Column(
            "lead_slugs",
            "text",
            "Leads and co-leads (parties.slug), joined with '; '.",
            "norway",
            joined(ProgrammeMembership, "programme", "party__slug", role__in=["lead", "co_lead"]),
        ),
        Column(
            "member_slugs",
            "text",
            "Every party taking part, joined with '; '.",
            "denmark; estonia; luxembourg",
            joined(ProgrammeMembership, "programme", "party__slug"),
        ),
        Column(
            "member_roles",
            "text",
            "Each party with its role (lead, co_lead, member, contributor), 'slug:role' joined with '; '.",
            "denmark:contributor; luxembourg:co_lead",
            joined_pairs(ProgrammeMembership, "programme", "party__slug", "role"),
        ),
        Column("url", "text", "Official page.", ""),
        Column("description", "text", "What it does.", ""),
        *cited_in("programme"),
        UPDATED_AT,
    ],
)

PROGRAMME_MEMBERSHIPS = Table(
    name="programme_memberships",
    description="Each party taking part in each programme, with its role (also in programmes.member_roles).",
    model=ProgrammeMembership,
    order_by=("programme__name", "pk"),
    columns=[
        Column("programme_membership_id", "integer", "Identifier.", "30", "pk"),
        Column("programme_id", "integer", "The programme (programmes.programme_id).", "5"),
        Column("programme_slug", "text", "The programme's slug.", "it-coalition", "programme__slug"),
        Column("party_slug", "text", "The party (parties.slug).", "estonia", "party__slug"),
        Column("role", "text", "lead, co_lead, member or contributor.", "co_lead"),
        Column("note", "text", "Context, e.g. 'will explore joining'.", ""),
        *cited_in("programme_membership"),
        UPDATED_AT,
    ],
)

EXCHANGE_RATES = Table(
    name="exchange_rates",
    description="Annual averages of the ECB's daily euro reference rates, used to convert pledges.",
    model=ExchangeRate,
    order_by=("year", "currency"),
    columns=[
        Column("exchange_rate_id", "integer", "Identifier.", "31", "pk"),
        Column("year", "integer", "Calendar year averaged.", "2024"),
        Column("currency", "text", "ISO 4217 code.", "NOK"),
        Column(
            "units_per_eur",
            "decimal",
            "Units of the currency per euro, the plain mean of the year's daily rates.",
            "11.629000",
        ),
        Column("business_days", "integer", "Number of daily rates averaged.", "256"),
        Column("source_id", "integer", "Where the daily rates come from (sources.source_id).", "1"),
        Column(
            "source_url",
            "text",
            "Where the daily rates come from.",
            "https://www.ecb.europa.eu/...",
            "source__url",
        ),
        UPDATED_AT,
    ],
)
