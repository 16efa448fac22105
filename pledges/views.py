from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, render

from core.cache import cached
from core.counting import cached_counts
from core.downloads import csv_download
from core.listing import Listing
from core.lists import PLEDGES_SHOWN, render_list
from core.pages import cached_page
from core.renames import follows_renames
from pledges.exports import PLEDGES, PROGRAMMES
from pledges.filters import PledgeFilter, ProgrammeFilter
from pledges.models import Pledge, PledgeYear, Programme, ProgrammeMembership
from pledges.querysets import STATUS_ORDER, amount_in_all
from sources.models import Citation


def pledge_totals(pledges) -> dict:
    """Count, EUR total and original-currency totals of a set of pledges, cached until
    the data changes (keyed by the set's SQL, so each filter combination has its own).

    One scan of the set, which PostgreSQL can split across workers: grouped by currency
    and status, it counts every pledge and sums the pledges that are neither a share nor a
    fulfilment, which every total counts, whatever the grouping. Those, few, go through
    `counted()` on their own, once for the set and once per status (a share counts unless
    its larger pledge is in the set or the status, a fulfilment unless its commitment is),
    as `totals_eur_by_status` counts them. EUR per currency, added up, is the EUR total.
    """

    def compute():
        selection = pledges.order_by()
        # counted() only ever drops a share or a fulfilment: the rest all count.
        plain = Q(part_of__isnull=True, fulfils__isnull=True)
        groups = selection.values("currency", "status").annotate(
            # COUNT(*), not of the key: the covering indexes do not hold the key, and
            # counting it made PostgreSQL read the table rather than the index alone.
            n=Count("*"),
            total=Sum(amount_in_all(), filter=plain),
            eur=Sum("amount_eur", filter=plain),
        )
        linked = selection.counted().exclude(plain).values("currency")
        linked = linked.annotate(total=Sum(amount_in_all()), eur=Sum("amount_eur"))
        linked_by_status = selection.counted(per=("status",)).exclude(plain).values("status")
        count, by_currency, euros_by_status = 0, {}, {}
        for group in groups:
            count += group["n"]
            currency = by_currency.setdefault(group["currency"], {"total": None, "eur": None})
            _add(currency, "total", group["total"])
            _add(currency, "eur", group["eur"])
            _add(euros_by_status, group["status"], group["eur"])
        for row in linked:
            _add(by_currency[row["currency"]], "total", row["total"])
            _add(by_currency[row["currency"]], "eur", row["eur"])
        for row in linked_by_status.annotate(eur=Sum("amount_eur")):
            _add(euros_by_status, row["status"], row["eur"])
        euros = [group["eur"] for group in by_currency.values() if group["eur"] is not None]
        return {
            "total_count": count,
            "total_eur": sum(euros) if euros else None,
            "totals_by_status": {
                status: euros_by_status[status]
                for status in STATUS_ORDER
                if euros_by_status.get(status) is not None
            },
            "totals_by_currency": [
                {"currency": currency, "total": by_currency[currency]["total"]}
                for currency in sorted(by_currency)
                if currency and by_currency[currency]["total"] is not None
            ],
        }

    return cached("pledge-totals", compute, params=str(pledges.order_by().query))


def _add(totals: dict, key, amount) -> None:
    """Add an amount to totals[key]; None (no sum) adds nothing and leaves no key behind."""
    if amount is not None:
        totals[key] = (totals.get(key) or 0) + amount


PLEDGE_LIST = Listing(
    PledgeFilter,
    lambda: Pledge.objects.select_related("donor", "recipient", "programme", "agreement"),
    totals=pledge_totals,
)
PROGRAMME_LIST = Listing(
    ProgrammeFilter,
    lambda: Programme.objects.order_by("name").prefetch_related(
        Prefetch("memberships", queryset=ProgrammeMembership.objects.select_related("party"))
    ),
)


def pledge_list(request):
    return render_list(
        request,
        "pledges/pledge_list.html",
        filterset_class=PLEDGE_LIST.filterset_class,
        queryset=PLEDGE_LIST.rows(),
        context_for=PLEDGE_LIST.totals,
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
        filterset_class=PROGRAMME_LIST.filterset_class,
        queryset=PROGRAMME_LIST.rows(),
        context_for=lambda programmes: {"pledge_counts": cached_counts(Pledge, "programme")},
    )


@follows_renames(slug=Programme)
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
