"""The schema of every data file (pydantic), and the partial dates and amounts they hold.

Unknown fields are errors, so a derived field (status, signed_on, amount_eur...) written
into a file is refused rather than ignored. Every fact needs at least one citation;
parties and people are not facts themselves (their offices and memberships are).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from agreements.models import AgreementKind, BindingNature, MilestoneKind, PartyRole
from core.partial_dates import DatePrecision
from donors.models import PartyKind
from pledges.models import (
    AmountBasis,
    AmountQualifier,
    PledgeCategory,
    PledgeStatus,
    ProgrammeKind,
    ProgrammeRole,
)
from provisions.models import Answer, Binds, ValueType
from sources.models import SourceKind

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
Slug = Annotated[str, StringConstraints(pattern=SLUG.pattern, max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=False)]
Quote = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
DATE_FORMAT = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def choice(choices):
    return Literal[tuple(choices.values)]


def _date_text(value):
    if isinstance(value, int):  # an unquoted year reads as a number
        value = str(value)
    if not isinstance(value, str) or not DATE_FORMAT.match(value):
        raise ValueError("a date is written 2024-03-01 (day), 2024-03 (month) or 2024 (year)")
    parse_partial_date(value)  # refuses 2024-02-30
    return value


def parse_partial_date(text: str) -> tuple[datetime.date, str]:
    """'2024-03-01', '2024-03' or '2024' as the stored (date on the 1st, precision)."""
    parts = [int(part) for part in text.split("-")]
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(parts) - 1]
    return datetime.date(*parts, *[1] * (3 - len(parts))), str(precision)


def format_date(date, precision) -> str | None:
    """The file's spelling of a stored partial date."""
    if date is None:
        return None
    return date.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


def _amount(value):
    if isinstance(value, bool | float):
        raise ValueError("write an amount as a whole number (2000000) or in quotes ('12.5')")
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError(f"'{value}' is not a number") from error


PartialDate = Annotated[str, BeforeValidator(_date_text)]
Amount = Annotated[Decimal, BeforeValidator(_amount), Field(ge=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitationIn(Strict):
    source: Slug
    quote: Quote
    quote_form: Literal["verbatim", "translation", "paraphrase"] = "verbatim"
    locator: Text = ""
    note: Text = ""
    editor_note: Text = ""


Citations = Annotated[list[CitationIn], Field(min_length=1)]


class ClaimIn(Strict):
    statement: str
    is_preferred: bool = False
    reason: Text = ""
    citations: Citations


class DisputeBody(Strict):
    topic: str
    is_open: bool = True
    note: Text = ""
    editor_note: Text = ""
    claims: list[ClaimIn] = []


class DisputeIn(DisputeBody):
    slug: Slug


class PledgeIn(Strict):
    key: Slug
    donor: Slug
    recipient: Slug
    programme: Slug | None = None
    category: choice(PledgeCategory) = "military"
    purpose: Text = ""
    amount: Amount | None = None
    currency: str = ""
    amount_qualifier: choice(AmountQualifier) = "exact"
    quantity: Annotated[int, Field(gt=0)] | None = None
    item: Text = ""
    basis: Text = ""
    announced: PartialDate | None = None
    period_start_year: int | None = None
    period_end_year: int | None = None
    amount_basis: choice(AmountBasis) = "total"
    status: choice(PledgeStatus) = "announced"
    part_of: Slug | None = None
    fulfils: Slug | None = None
    notes: Text = ""
    editor_note: Text = ""
    citations: Citations
    disputes: list[DisputeIn] = []


class MilestoneIn(Strict):
    key: Slug
    kind: choice(MilestoneKind)
    date: PartialDate
    place: Text = ""
    party: Slug | None = None
    is_preferred: bool = True
    note: Text = ""
    editor_note: Text = ""
    citations: Citations


class SignatoryIn(Strict):
    person: Slug
    party: Slug
    office: Slug | None = None
    title: str
    citations: Citations


class AgreementPartyIn(Strict):
    party: Slug
    role: choice(PartyRole) = "partner"


class ProvisionCellIn(Strict):
    """One cell of the provisions matrix; an answer the text gives (yes, no) cites its sentence."""

    provision: Slug
    answer: choice(Answer)
    choice: Text = ""
    number: Amount | None = None
    unit: Text = ""
    text: Text = ""
    conditions: Text = ""
    binds: Literal[("", *Binds.values)] = ""
    passage: Text = ""
    dispute: Slug | None = None
    note: Text = ""
    editor_note: Text = ""
    citations: list[CitationIn] = []


class AgreementFile(Strict):
    title: str
    kind: choice(AgreementKind) = "security"
    is_bilateral: bool = True
    framework: Slug | None = None
    summary: Text = ""
    text_url: str = ""
    term_years: Annotated[int, Field(gt=0)] | None = None
    term_note: Text = ""
    binding_nature: choice(BindingNature) = "not_stated"
    areas: list[Slug] = []
    notes: Text = ""
    editor_note: Text = ""
    citations: Citations
    parties: list[AgreementPartyIn] = []
    milestones: list[MilestoneIn] = []
    signatories: list[SignatoryIn] = []
    pledges: list[PledgeIn] = []
    disputes: list[DisputeIn] = []
    provisions: list[ProvisionCellIn] = []


class MembershipIn(Strict):
    organisation: Slug
    joined: PartialDate | None = None
    left: PartialDate | None = None
    citations: Citations


class PartyFile(Strict):
    name: str
    kind: choice(PartyKind)
    iso_code: str | None = None
    official_name: str = ""
    notes: Text = ""
    citations: list[CitationIn] = []
    memberships: list[MembershipIn] = []
    pledges: list[PledgeIn] = []


class OfficeIn(Strict):
    key: Slug
    title: str
    party: Slug
    started: PartialDate | None = None
    ended: PartialDate | None = None
    citations: Citations


class PersonFile(Strict):
    name: str
    country: Slug | None = None
    notes: Text = ""
    editor_note: Text = ""
    offices: list[OfficeIn] = []


class ProgrammeMemberIn(Strict):
    party: Slug
    role: choice(ProgrammeRole) = "member"
    note: str = ""
    citations: Citations


class ProgrammeFile(Strict):
    name: str
    kind: choice(ProgrammeKind)
    description: Text = ""
    url: str = ""
    budget_amount: Amount | None = None
    budget_currency: str = ""
    start_year: int | None = None
    end_year: int | None = None
    citations: Citations
    members: list[ProgrammeMemberIn] = []
    pledges: list[PledgeIn] = []


class SourceFile(Strict):
    title: str
    publisher: str
    author: str = ""
    kind: choice(SourceKind) = "news"
    published: PartialDate | None = None
    url: str = ""
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "en"
    notes: Text = ""
    editor_note: Text = ""


AreasFile = dict[Slug, str]


class ProvisionIn(Strict):
    """One question of the provisions catalogue (data/provisions.yml, in column order)."""

    slug: Slug
    name: str
    question: str
    value_type: choice(ValueType)
    unit: Text = ""
    choices: list[Slug] = []
    guide: Text = ""


ProvisionsFile = list[ProvisionIn]

# Folder (or file) in data/ -> schema of each file in it.
FOLDERS = {
    "sources": SourceFile,
    "parties": PartyFile,
    "people": PersonFile,
    "programmes": ProgrammeFile,
    "agreements": AgreementFile,
    "disputes": DisputeBody,
}
AREAS_FILE = "areas.yml"
PROVISIONS_FILE = "provisions.yml"
