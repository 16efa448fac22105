"""The provisions matrix, one cell's page, and the side-by-side comparison."""

from django.core.validators import slug_re
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render

from agreements.filters import AgreementFilter
from agreements.models import Agreement
from core.downloads import attachment
from core.lists import PAGE_SIZES, filter_list, paginate
from core.renames import follows_renames
from provisions.compare import compare_rows
from provisions.models import AgreementProvision, Provision
from provisions.wide import wide_csv

MAX_COMPARED = 4

# The questions the matrix answers first, as ready-made filters (provision:values).
QUESTIONS = [
    ("No termination clause", "termination-possible:no,not_stated"),
    ("No consultation deadline (no 24-hour clause)", "consultations-deadline-hours:no,not_stated"),
    ("No consultations after an attack", "consultations-after-attack:no,not_stated"),
    ("No sum stated for 2024", "sum-first-year:no,not_stated"),
    ("Says it is political or non-normative", "legal-nature:political,non-normative"),
    ("An annex says it is not binding", "legal-nature-annex:political,non-normative"),
    ("Says it is legally binding", "legal-nature:legally-binding"),
    ("Text not published", "consultations-after-attack:not_public"),
]


def cells_for(agreements, *, with_citations=True) -> dict:
    """(agreement pk, provision pk) -> cell, with citations and their sources loaded if wanted."""
    cells = AgreementProvision.objects.filter(agreement__in=agreements)
    if with_citations:
        cells = cells.prefetch_related("citations__source")
    return {(c.agreement_id, c.provision_id): c for c in cells.select_related("dispute")}


def short_name(agreement) -> str:
    """The partners' names (the row heading of a bilateral agreement), else the title."""
    partners = [r.party.name for r in agreement.party_roles.all() if r.role == "partner"]
    return ", ".join(partners) if 0 < len(partners) <= 2 else agreement.title


def _shown(request, provisions) -> tuple[list, list[str]]:
    wanted = [s for s in request.GET.getlist("show") if s]
    if not wanted:
        return provisions, []
    by_slug = {p.slug: p for p in provisions}
    unknown = [s for s in wanted if s not in by_slug]
    if unknown:
        return provisions, [f"Show: there is no provision '{unknown[0][:60]}'; showing all."]
    return [by_slug[s] for s in wanted], []


def matrix(request):
    provisions = list(Provision.objects.all())
    shown, show_errors = _shown(request, provisions)
    single = shown[0] if len(shown) == 1 else None
    agreements = Agreement.objects.prefetch_related("party_roles__party").order_by("title", "pk")
    filtered = filter_list(request.GET, filterset_class=AgreementFilter, queryset=agreements, request=request)
    page, page_errors = paginate(filtered.queryset, request.GET)
    errors = filtered.errors + show_errors + page_errors
    rows = list(page)
    cells = cells_for(rows, with_citations=single is not None)
    context = {
        "filter": filtered.filterset,
        "filtered": filtered,
        "page": page,
        "page_sizes": PAGE_SIZES,
        "errors": errors,
        "provisions": provisions,
        "shown": shown,
        "single": single,
        "rows": [(a, short_name(a), [(p, cells.get((a.pk, p.pk))) for p in shown]) for a in rows],
        "questions": QUESTIONS,
    }
    return render(request, "provisions/matrix.html", context, status=400 if errors else 200)


def matrix_export(request):
    """The wide form: one row per agreement, one column per provision."""
    agreements = Agreement.objects.order_by("title", "pk")
    filtered = filter_list(request.GET, filterset_class=AgreementFilter, queryset=agreements, request=request)
    if filtered.errors:
        return HttpResponseBadRequest("\n".join(filtered.errors), content_type="text/plain; charset=utf-8")
    return attachment(
        wide_csv(filtered.queryset), content_type="text/csv; charset=utf-8", filename="provisions-wide.csv"
    )


@follows_renames(agreement=Agreement, provision=Provision)
def cell(request, agreement, provision):
    agreement = get_object_or_404(Agreement, slug=agreement)
    provision = get_object_or_404(Provision, slug=provision)
    coded = cells_for([agreement]).get((agreement.pk, provision.pk))
    context = {"agreement": agreement, "provision": provision, "cell": coded}
    return render(request, "provisions/cell.html", context)


def compare(request):
    slugs = list(dict.fromkeys(s for s in request.GET.getlist("a") if s))
    errors = []
    # Only a slug can name an agreement; anything else (a NUL, which PostgreSQL text refuses) is missing.
    asked = [s for s in slugs[:MAX_COMPARED] if slug_re.fullmatch(s)]
    found = {a.slug: a for a in Agreement.objects.filter(slug__in=asked)}
    missing = [s for s in slugs[:MAX_COMPARED] if s not in found]
    if missing:
        errors.append(f"There is no agreement '{missing[0][:80]}'.")
    if len(slugs) > MAX_COMPARED:
        errors.append(f"Compare at most {MAX_COMPARED} agreements; showing the first {MAX_COMPARED}.")
    agreements = [found[s] for s in slugs[:MAX_COMPARED] if s in found]
    if slugs and len(agreements) < 2:
        errors.append("Choose two to four agreements to compare.")
    rows = []
    if len(agreements) >= 2:
        cells = cells_for(agreements)
        rows = compare_rows(agreements, list(Provision.objects.all()), cells)
    context = {
        "agreements": agreements,
        "rows": rows,
        "errors": errors,
        # Only coded agreements are worth comparing (and the list stays short on a big database).
        "choices": Agreement.objects.filter(provision_cells__isnull=False).distinct().order_by("title"),
        "chosen": [a.slug for a in agreements],
        "slots": range(MAX_COMPARED),
    }
    return render(request, "provisions/compare.html", context, status=400 if errors else 200)
