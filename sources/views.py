from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, render

from core.counting import count_of
from core.downloads import csv_download
from core.listing import Listing
from core.lists import render_list
from core.pages import cached_page
from core.relations import related_model
from sources.exports import SOURCES
from sources.filters import SourceFilter
from sources.models import Citation, Claim, Dispute, Source

# Agreements depend on sources, not the other way round (core/relations.py).
Milestone = related_model(Dispute, "agreement__milestones")


SOURCE_LIST = Listing(
    SourceFilter,
    lambda: Source.objects.annotate(citation_count=count_of(Citation, "source")).order_by(
        "-published_on", "title", "pk"
    ),
)


def source_list(request):
    return render_list(
        request,
        "sources/source_list.html",
        filterset_class=SOURCE_LIST.filterset_class,
        queryset=SOURCE_LIST.rows(),
    )


@cached_page
def source_detail(request, pk):
    source = get_object_or_404(Source, pk=pk)
    citations = Citation.objects.filter(source=source).select_related(*Citation.FACT_PARENTS)
    return render(request, "sources/source_detail.html", {"source": source, "citations": citations})


def source_export(request):
    return csv_download(request, SOURCES, filterset_class=SourceFilter)


def dispute_list(request):
    """Every open disagreement between sources: disputed facts with their claims, and
    events whose date or place sources give differently (milestones with other claims)."""
    citations = Prefetch("citations", queryset=Citation.objects.select_related("source"))
    disputes = (
        Dispute.objects.filter(is_open=True)
        .select_related("agreement", "pledge__donor")
        .prefetch_related(Prefetch("claims", queryset=Claim.objects.prefetch_related(citations)))
    )
    disputed_events = (
        Milestone.objects.filter(
            Exists(
                Milestone.objects.filter(
                    agreement=OuterRef("agreement"), kind=OuterRef("kind"), is_preferred=False
                )
            )
        )
        .select_related("agreement")
        .prefetch_related(citations)
        .order_by("agreement__signed_on", "agreement__title", "kind", "-is_preferred", "date")
    )
    groups = disputes_by_agreement(disputed_events, disputes.select_related("pledge__agreement"))
    return render(request, "sources/dispute_list.html", {"groups": groups})


def disputes_by_agreement(disputed_events, disputes) -> list[dict]:
    """One group per agreement (in signing order), holding its events reported differently
    (a list per event kind: the claims) and its disputed facts, a pledge's under the pledge's
    agreement; facts about no agreement come last, in a group without one."""
    groups = {}

    def group_of(agreement):
        key = agreement.pk if agreement else None
        return groups.setdefault(key, {"agreement": agreement, "events": {}, "disputes": []})

    for milestone in disputed_events:
        group_of(milestone.agreement)["events"].setdefault(milestone.kind, []).append(milestone)
    for dispute in disputes:
        group_of(dispute.agreement or (dispute.pledge.agreement if dispute.pledge else None))[
            "disputes"
        ].append(dispute)
    for group in groups.values():
        group["events"] = list(group["events"].values())
        group["count"] = len(group["events"]) + len(group["disputes"])

    def order(group):
        agreement = group["agreement"]
        if agreement is None:
            return (2, "", "")
        return (0 if agreement.signed_on else 1, str(agreement.signed_on or ""), agreement.title)

    return sorted(groups.values(), key=order)
