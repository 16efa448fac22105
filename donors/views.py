from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render

from core.counting import cached_counts
from core.downloads import csv_download
from core.lists import PLEDGES_SHOWN, render_list
from core.pages import cached_page
from core.relations import related_model
from donors.exports import PARTIES
from donors.filters import PartyFilter
from donors.models import Membership, Party
from sources.models import Citation

# Agreements and pledges depend on donors, not the other way round: their models are
# reached through the relations they define to Party (core/relations.py).
Agreement = related_model(Party, "agreements")
AgreementParty = related_model(Party, "agreement_roles")
Pledge = related_model(Party, "pledges_given")
ProgrammeMembership = related_model(Party, "programme_memberships")
PLEDGE_CATEGORIES = Pledge._meta.get_field("category").choices


def party_list(request):
    return render_list(
        request,
        "donors/party_list.html",
        filterset_class=PartyFilter,
        queryset=Party.objects.order_by("name"),
        context_for=lambda parties: {
            "agreement_counts": cached_counts(AgreementParty, "party"),
            "pledge_counts": cached_counts(Pledge, "donor"),
        },
    )


@cached_page
def party_detail(request, slug):
    party = get_object_or_404(
        Party.objects.prefetch_related(
            Prefetch("membership_rows", queryset=Membership.objects.select_related("organisation")),
            Prefetch(
                "programme_memberships", queryset=ProgrammeMembership.objects.select_related("programme")
            ),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
        ),
        slug=slug,
    )
    given = Pledge.objects.filter(donor=party)
    by_category = given.totals_eur_by("category")
    context = {
        "party": party,
        "agreements": Agreement.objects.for_party(party).for_list().distinct(),
        "pledges": Pledge.objects.filter(Q(donor=party) | Q(recipient=party)).select_related(
            "donor", "recipient", "programme", "agreement"
        )[:PLEDGES_SHOWN],
        "pledges_shown": PLEDGES_SHOWN,
        "totals_by_category": [
            (label, by_category.get(value)) for value, label in PLEDGE_CATEGORIES if value in by_category
        ],
        "total_eur": given.total_eur(),
        "totals_by_status": given.totals_eur_by_status(),
        "pledges_by_year": sorted(given.totals_eur_by_year().items()),
        **given.delivery_figures(),
        "citations": party.citations.all(),
    }
    return render(request, "donors/party_detail.html", context)


def party_export(request):
    return csv_download(request, PARTIES, filterset_class=PartyFilter)
