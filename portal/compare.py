"""Two to eight partners side by side: their agreements' key terms, money by year,
category and status, share of GDP and the programmes they joined."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.shortcuts import render

from agreements.models import Agreement
from core.filters import QuickSelectMultiple
from core.pages import cached_page
from donors.gdp import GDP_REFERENCE_YEAR, reference_gdp, share_of_gdp
from donors.models import Party
from pledges.models import Pledge, PledgeCategory, PledgeStatus, ProgrammeMembership
from portal.charts import STATUS_LEGEND, status_segments

FEWEST, MOST = 2, 8


@dataclass
class Compared:
    party: Party
    agreements: list
    total: object
    by_status: dict
    by_category: dict
    by_year: dict
    gdp: object
    programmes: list
    segments: list = None
    evidence: int = 0  # sourced allocations and deliveries linked to a commitment (`fulfils`)

    @property
    def share_of_gdp(self):
        return share_of_gdp(self.total, self.gdp.eur if self.gdp else None)


def chosen_parties(params) -> tuple[list[Party], list[str]]:
    """The parties named by ?party=<slug> (each once, in the order given) and what was wrong."""
    slugs = list(dict.fromkeys(slug.strip() for slug in params.getlist("party") if slug.strip()))
    found = Party.objects.in_bulk(slugs[: MOST + 1], field_name="slug")
    errors = [f"There is no partner '{slug[:80]}'." for slug in slugs[: MOST + 1] if slug not in found]
    parties = [found[slug] for slug in slugs if slug in found]
    if len(parties) > MOST:
        errors.append(f"Compare at most {MOST} partners; showing the first {MOST}.")
        parties = parties[:MOST]
    if slugs and len(parties) < FEWEST:
        errors.append(f"Choose {FEWEST} to {MOST} partners to compare.")
    return parties, errors


def compare_partners(parties: list[Party]) -> list[Compared]:
    gdp = reference_gdp(parties)
    memberships = ProgrammeMembership.objects.select_related("programme").order_by("programme__name")
    agreements = Agreement.objects.order_by("signed_on", "title")
    # Sourced allocations and deliveries linked to a commitment, per partner, in one query.
    evidence = dict(
        Pledge.objects.filter(donor__in=parties, fulfils__isnull=False)
        .values_list("donor")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for party in Party.objects.filter(pk__in=[p.pk for p in parties]).prefetch_related(
        Prefetch("programme_memberships", queryset=memberships)
    ):
        given = Pledge.objects.filter(donor=party)
        rows.append(
            Compared(
                party=party,
                agreements=list(agreements.for_party(party).distinct()),
                total=given.total_eur(),
                by_status=given.totals_eur_by("status"),
                by_category=given.totals_eur_by("category"),
                by_year=given.totals_eur_by_year(),
                gdp=gdp.get(party.pk),
                programmes=list(party.programme_memberships.all()),
                evidence=evidence.get(party.pk, 0),
            )
        )
    order = {party.pk: index for index, party in enumerate(parties)}
    rows.sort(key=lambda row: order[row.party.pk])
    largest = max((sum(row.by_status.values()) for row in rows), default=0)
    for row in rows:
        row.segments = status_segments(row.by_status, largest)
    return rows


def table(rows: list[Compared], attribute: str, keys) -> list[tuple[str, list]]:
    """(label, one figure per partner) for each key some partner has money under."""
    return [
        (label, [getattr(row, attribute).get(key) for row in rows])
        for key, label in keys
        if any(getattr(row, attribute).get(key) for row in rows)
    ]


@cached_page
def compare(request):
    parties, errors = chosen_parties(request.GET)
    rows = compare_partners(parties) if len(parties) >= FEWEST else []
    years = sorted({year for row in rows for year in row.by_year})
    context = {
        "rows": rows,
        "errors": errors,
        "by_status": table(rows, "by_status", PledgeStatus.choices),
        "by_category": table(rows, "by_category", PledgeCategory.choices),
        "by_year": table(rows, "by_year", [(year, str(year)) for year in years]),
        "gdp_year": GDP_REFERENCE_YEAR,
        "legend": STATUS_LEGEND,
        # The lists' widget: the chosen partners first, so a box six rows high shows them.
        "party_select": QuickSelectMultiple(
            choices=Party.objects.filter(pledges_given__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ).render("party", [party.slug for party in parties], {"id": "id_party", "size": 6}),
        "fewest": FEWEST,
        "most": MOST,
    }
    return render(request, "portal/compare.html", context, status=400 if errors else 200)
