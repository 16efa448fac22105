import csv
from datetime import date

from django import forms
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncYear
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse

from agreements.models import Agreement, AgreementStatus, Milestone
from core.cache import cached, data_version
from core.csv_export import zip_chunks
from core.downloads import attachment, csv_download
from core.history import latest_changes
from core.pages import cached_page
from core.search import MAX_QUERY_LENGTH
from donors.models import Party, Person
from pledges.models import Pledge, PledgeCategory, Programme
from portal.datapackage import datapackage_json
from portal.datasets import DICTIONARY_HEADER, TABLES, TABLES_BY_NAME, dataset_files, dictionary_rows
from sources.models import Citation, Source

TOP_DONORS = 12


def overview_figures() -> dict:
    """The overview's aggregates over whole tables (the page is kept whole, core/pages.py)."""
    status_counts = dict(Agreement.objects.values_list("status").annotate(n=Count("id")).order_by())
    by_category = Pledge.objects.totals_eur_by("category")
    by_donor = (
        Pledge.objects.counted(per=("donor",))
        .exclude(amount_eur__isnull=True)
        .values("donor__name", "donor__slug")
        .annotate(total=Sum("amount_eur"))
        .order_by("-total")[:TOP_DONORS]
    )
    signed_by_year = (
        Agreement.objects.signed()
        .annotate(year=TruncYear("signed_on"))
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    return {
        "status_counts": [
            (value, label, status_counts.get(value, 0)) for value, label in AgreementStatus.choices
        ],
        "agreement_count": sum(status_counts.values()),
        "pledged_by_category": [
            (label, by_category[value]) for value, label in PledgeCategory.choices if value in by_category
        ],
        "pledged_total": Pledge.objects.total_eur(),
        "pledged_by_status": Pledge.objects.totals_eur_by_status(),
        "pledged_by_donor": list(by_donor),
        "signed_by_year": [(year.year, n) for year, n in signed_by_year],
    }


@cached_page  # the same for every visitor and changed only by a write, as every list page
def overview(request):
    context = {
        **overview_figures(),
        "latest_changes": latest_changes([Agreement, Milestone, Pledge, Programme, Source], limit=10),
    }
    return render(request, "portal/overview.html", context)


SEARCHED = [
    # (heading, model, what to load with each hit, list page to see all)
    ("Agreements", Agreement, [], "agreements:agreement-list"),
    ("Milestones", Milestone, ["agreement"], "agreements:timeline"),
    ("Pledges", Pledge, ["donor"], "pledges:pledge-list"),
    ("Programmes", Programme, [], "pledges:programme-list"),
    ("Parties", Party, [], "donors:party-list"),
    ("People", Person, ["country"], None),
    ("Sources", Source, [], "sources:source-list"),
    ("Quoted in sources", Citation, ["source", *Citation.FACT_PARENTS], None),
]
HITS_PER_GROUP = 10


def search_groups(text: str) -> list[dict]:
    """The best hits of every searched table, one query each (cached per text until the data changes:
    ranking a common word's hundred thousand matches is the costly part)."""
    groups = []
    for heading, model, related, list_url in SEARCHED:
        hits = list(model.objects.search(text).select_related(*related)[: HITS_PER_GROUP + 1])
        if hits:
            groups.append(
                {
                    "heading": heading,
                    "hits": hits[:HITS_PER_GROUP],
                    "more": len(hits) > HITS_PER_GROUP,
                    "list_url": list_url,
                }
            )
    return groups


class SearchForm(forms.Form):
    q = forms.CharField(
        max_length=MAX_QUERY_LENGTH, required=False, strip=True
    )  # also refuses NUL characters


def search(request):
    form = SearchForm(request.GET)
    text, error = "", ""
    if form.is_valid():
        text = form.cleaned_data["q"]
    else:
        error = "Search text: " + " ".join(form.errors["q"])
    groups = cached("search", lambda: search_groups(text), params=text) if text else []
    context = {"query": text or request.GET.get("q", "")[:MAX_QUERY_LENGTH], "groups": groups, "error": error}
    return render(request, "portal/search.html", context, status=400 if error else 200)


def favicon(request):
    """Browsers ask for /favicon.ico; the icon is a static file with a hashed name in production."""
    return redirect(static("favicon.svg"), permanent=True)


@transaction.non_atomic_requests  # ATOMIC_REQUESTS would connect, and fail, before the view runs
def healthz(request):
    """For load balancers: 200 when this process can query the database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def table_download(request, name):
    table = TABLES_BY_NAME.get(name)
    if table is None:
        raise Http404(f"No table named {name!r}.")
    return csv_download(request, table)


def dictionary_download(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="data_dictionary.csv"'
    csv.writer(response, lineterminator="\r\n").writerows([DICTIONARY_HEADER, *dictionary_rows()])
    return response


def datapackage_download(request):
    """The ZIP's datapackage.json: the same descriptor, of the data as they are now."""
    descriptor = datapackage_json(TABLES, on=date.today(), data_version=data_version())
    return HttpResponse(descriptor, content_type="application/json; charset=utf-8")


def dataset_download(request):
    today = date.today()
    url = request.build_absolute_uri(reverse("opendata:data"))
    return attachment(
        zip_chunks(dataset_files(on=today, data_version=data_version(), url=url)),
        content_type="application/zip",
        filename=f"agreement-tracker-{today.isoformat()}.zip",
    )
