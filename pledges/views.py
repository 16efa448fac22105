from django.db.models import Prefetch, Sum
from django.shortcuts import get_object_or_404, render

from core.cache import cached
from core.counting import cached_counts
from core.downloads import csv_download
from core.lists import PLEDGES_SHOWN, render_list
from core.pages import cached_page
from pledges.exports import PLEDGES, PROGRAMMES
from pledges.filters import PledgeFilter, ProgrammeFilter
from pledges.models import Pledge, PledgeYear, Programme, ProgrammeMembership
from pledges.querysets import amount_in_all
from sources.models import Citation


def pledge_totals(pledges) -> dict:
    """Count, EUR total and original-currency totals of a set of pledges, cached until
    the data changes (keyed by the set's SQL, so each filter combination has its own)."""

    def compute():
        counted = pledges.order_by().counted()
        # One pass gives both sums: EUR per currency, added up, is the EUR total.
        groups = counted.values("currency").annotate(total=Sum(amount_in_all()), eur=Sum("amount_eur"))
        groups = list(groups.order_by("currency"))
        euros = [group["eur"] for group in groups if group["eur"] is not None]
        return {
            "total_count": pledges.count(),
            "total_eur": sum(euros) if euros else None,
            "totals_by_status": pledges.totals_eur_by_status(),
            "totals_by_currency": [
                {"currency": g["currency"], "total": g["total"]} for g in groups if g["currency"]
            ],
        }

    return cached("pledge-totals", compute, params=str(pledges.order_by().query))


def pledge_list(request):
    return render_list(
        request,
        "pledges/pledge_list.html",
        filterset_class=PledgeFilter,
        queryset=Pledge.objects.select_related("donor", "recipient", "programme", "agreement"),
        context_for=pledge_totals,
    )


@cached_page
def pledge_detail(request, pk):
    pledge = get_object_or_404(
        Pledge.objects.select_related(
            "donor", "recipient", "programme", "agreement", "part_of", "fulfils", "eur_rate_source"
        ).prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            "parts",
            "fulfilments",
            Prefetch("years", queryset=PledgeYear.objects.select_related("eur_rate_source")),
        ),
        pk=pk,
    )
    return render(
        request, "pledges/pledge_detail.html", {"pledge": pledge, "citations": pledge.citations.all()}
    )


def programme_list(request):
    return render_list(
        request,
        "pledges/programme_list.html",
        filterset_class=ProgrammeFilter,
        queryset=Programme.objects.order_by("name").prefetch_related(
            Prefetch("memberships", queryset=ProgrammeMembership.objects.select_related("party"))
        ),
        context_for=lambda programmes: {"pledge_counts": cached_counts(Pledge, "programme")},
    )


@cached_page
def programme_detail(request, slug):
    citations = Citation.objects.select_related("source")
    programme = get_object_or_404(
        Programme.objects.prefetch_related(
            Prefetch(
                "memberships",
                queryset=ProgrammeMembership.objects.select_related("party").prefetch_related(
                    Prefetch("citations", queryset=citations)
                ),
            ),
            Prefetch("citations", queryset=citations),
        ),
        slug=slug,
    )
    memberships = list(programme.memberships.all())
    through = Pledge.objects.filter(programme=programme)
    latest = list(
        through.select_related("donor", "recipient", "agreement")
        .prefetch_related(Prefetch("citations", queryset=citations))
        .order_by("-announced_on", "-pk")[:PLEDGES_SHOWN]
    )
    context = {
        "programme": programme,
        "memberships": memberships,
        "pledges": latest,
        "pledges_shown": PLEDGES_SHOWN,
        **pledge_totals(through),
        "citations": [c for fact in [programme, *memberships, *latest] for c in fact.citations.all()],
    }
    return render(request, "pledges/programme_detail.html", context)


def pledge_export(request):
    return csv_download(request, PLEDGES, filterset_class=PledgeFilter)


def programme_export(request):
    return csv_download(request, PROGRAMMES, filterset_class=ProgrammeFilter)
