"""The overview's figures: every partner ranked by euros and by share of GDP, money
stacked by status, agreements signed per month. Whole tables, a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.db.models.functions import TruncMonth

from agreements.models import Agreement, AgreementStatus
from core.partial_dates import DatePrecision
from donors.gdp import GDP_REFERENCE_YEAR, reference_gdp, share_of_gdp
from donors.models import Party
from pledges.models import Pledge, PledgeCategory, PledgeStatus
from portal.charts import STATUS_LEGEND, columns, status_segments


@dataclass
class PartnerRow:
    """One partner's money: its total, the same split by status, and its share of GDP."""

    party: Party
    total: Decimal
    by_status: dict = field(default_factory=dict)
    gdp: object = None  # its GdpFigure of the reference year, None for organisations
    segments: list = field(default_factory=list)
    rank: int = 0
    gdp_rank: int | None = None

    @property
    def share_of_gdp(self) -> Decimal | None:
        return share_of_gdp(self.total, self.gdp.eur if self.gdp else None)


def partner_rows(pledges=None) -> list[PartnerRow]:
    """Every donor with money pledged, largest first, ranked by EUR and by share of GDP."""
    pledges = Pledge.objects.all() if pledges is None else pledges
    totals = pledges.totals_eur_by("donor")
    by_donor_status = pledges.totals_eur_by("donor", "status")
    parties = Party.objects.in_bulk(totals)
    gdp = reference_gdp(parties.values())
    rows_by_donor = {pk: PartnerRow(parties[pk], total, gdp=gdp.get(pk)) for pk, total in totals.items()}
    for (donor, status), amount in by_donor_status.items():
        # A donor whose only euros are shares of a larger pledge without a euro figure has
        # status money but no counted total: it is not ranked.
        if donor in rows_by_donor:
            rows_by_donor[donor].by_status[status] = amount
    rows = list(rows_by_donor.values())
    rows.sort(key=lambda row: (-row.total, row.party.name))
    largest = max((sum(row.by_status.values()) for row in rows), default=0)
    for rank, row in enumerate(rows, start=1):
        row.rank, row.segments = rank, status_segments(row.by_status, largest)
    for rank, row in enumerate(by_share_of_gdp(rows), start=1):
        row.gdp_rank = rank
    return rows


def by_share_of_gdp(rows: list[PartnerRow]) -> list[PartnerRow]:
    return sorted((row for row in rows if row.gdp), key=lambda row: (-row.share_of_gdp, row.party.name))


def signed_per_month() -> tuple[list[tuple[date, int]], int]:
    """Agreements signed in each month from the first signing to the last (months without one
    included, so the spacing is time), and how many are known only to the year."""
    signed = Agreement.objects.signed()
    known_to_month = signed.exclude(signed_precision=DatePrecision.YEAR)
    counts = dict(
        known_to_month.annotate(month=TruncMonth("signed_on"))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    year_only = signed.filter(signed_precision=DatePrecision.YEAR).count()
    if not counts:
        return [], year_only
    month, last, months = min(counts), max(counts), []
    while month <= last:
        months.append((month, counts.get(month, 0)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months, year_only


def overview_figures() -> dict:
    """The overview's aggregates over whole tables (the page is kept whole, core/pages.py)."""
    status_counts = dict(Agreement.objects.values_list("status").annotate(n=Count("id")).order_by())
    by_category = Pledge.objects.totals_eur_by("category")
    partners = partner_rows()
    months, signed_year_only = signed_per_month()
    no_gdp = [row for row in partners if row.gdp is None]
    return {
        # The partners whose commitments have sourced evidence of delivery (`fulfils`).
        "evidence_partners": list(
            Party.objects.filter(pledges_given__fulfils__isnull=False).distinct().order_by("name")
        ),
        "status_counts": [
            (value, label, status_counts.get(value, 0)) for value, label in AgreementStatus.choices
        ],
        "agreement_count": sum(status_counts.values()),
        "pledged_by_category": [
            (label, by_category[value]) for value, label in PledgeCategory.choices if value in by_category
        ],
        "pledged_total": Pledge.objects.total_eur(),
        "pledged_by_status": Pledge.objects.totals_eur_by_status(),
        "partners": partners,
        "statuses": PledgeStatus.choices,
        "legend": STATUS_LEGEND,
        "partners_by_gdp": by_share_of_gdp(partners),
        "partners_without_gdp": no_gdp,
        "gdp_year": GDP_REFERENCE_YEAR,
        "signed_by_month": months,
        "signed_columns": columns([(month.strftime("%b %Y"), n) for month, n in months]),
        "signed_year_only": signed_year_only,
    }
