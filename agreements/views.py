from django.shortcuts import get_object_or_404, render

from agreements.exports import AGREEMENTS, MILESTONES
from agreements.filters import AgreementFilter, MilestoneFilter
from agreements.models import Agreement, Milestone
from core.downloads import csv_download
from core.history import last_change
from core.lists import render_list
from core.pages import cached_page


def agreement_list(request):
    return render_list(
        request,
        "agreements/agreement_list.html",
        filterset_class=AgreementFilter,
        queryset=Agreement.objects.for_list(),
    )


@cached_page
def agreement_detail(request, slug):
    agreement = get_object_or_404(Agreement.objects.for_detail(), slug=slug)
    milestones = list(agreement.milestones.all())
    pledges = list(agreement.pledges.all())
    facts = [agreement, *milestones, *agreement.signatories.all(), *pledges]
    context = {
        "agreement": agreement,
        "milestones": milestones,
        "disputed": [m for m in milestones if not m.is_preferred],
        "pledges": pledges,
        "pledged_eur": agreement.pledges.all().total_eur(),
        "pledged_by_status": agreement.pledges.all().totals_eur_by_status(),
        **agreement.pledges.all().delivery_figures(),
        "programmes": sorted({p.programme for p in pledges if p.programme}, key=lambda p: p.name),
        "citations": [c for fact in facts for c in fact.citations.all()],
        "last_change": last_change(agreement),
        "provision_cells": agreement.provision_cells.select_related("provision", "dispute").prefetch_related(
            "citations__source"
        ),
    }
    return render(request, "agreements/agreement_detail.html", context)


def timeline(request):
    return render_list(
        request,
        "agreements/timeline.html",
        filterset_class=MilestoneFilter,
        queryset=Milestone.objects.select_related("agreement", "party").order_by("date", "pk"),
    )


def agreement_export(request):
    return csv_download(request, AGREEMENTS, filterset_class=AgreementFilter)


def timeline_export(request):
    return csv_download(request, MILESTONES, filterset_class=MilestoneFilter)
