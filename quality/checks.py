"""The data-quality checks: each lists the records it finds wrong, as Findings.

Run by `manage.py data_quality` and the editors' admin page; `make test` fails on a
finding in the shipped data unless data/quality_waivers.yml waives it with a reason.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from agreements.models import Agreement, Milestone, MilestoneKind
from donors.models import Office
from pledges.models import Pledge
from pledges.overlaps import overlap_problem, pledge_overlaps
from quality.keys import key_relations, record_key
from sources.models import FACTS_NEEDING_A_SOURCE, Citation, Claim, Dispute, Source
from sources.verbatim import failing_quotes


@dataclass(frozen=True)
class Finding:
    check: str  # the check's name, as waivers give it
    key: str  # the record's stable identifier (quality.keys), as waivers give it
    label: str  # the record as editors know it
    problem: str
    admin_url: str


def admin_url(record) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def _finding(check, record, problem, key=None) -> Finding:
    return Finding(check, key or record_key(record), str(record), problem, admin_url(record))


def _loaded(queryset):
    """Rows with what their key and label read, in a stable order."""
    return queryset.select_related(*key_relations(queryset.model)).order_by("pk")


def uncited_facts() -> list[Finding]:
    findings = []
    for field, label in FACTS_NEEDING_A_SOURCE:
        model = apps.get_model(label)
        cited = Citation.objects.filter(**{field: OuterRef("pk")})
        # A model may say which of its rows need a source (a provision cell the text is
        # silent on has no sentence to cite).
        needing = model.objects.filter(getattr(model, "NEEDS_A_SOURCE", Q()))
        for fact in _loaded(needing.filter(~Exists(cited))):
            problem = f"This {model._meta.verbose_name} has no citation: no source backs it."
            findings.append(_finding("uncited", fact, problem))
    return findings


def sources_without_url() -> list[Finding]:
    return [
        _finding("source_without_url", source, "This source has no URL, so readers cannot check it.")
        for source in _loaded(Source.objects.filter(url=""))
    ]


def superseded_open_offices() -> list[Finding]:
    """Offices with no end date although the same post has a later holder."""
    never = datetime.date.min
    later = Office.objects.filter(party=OuterRef("party"), title=OuterRef("title")).filter(
        Q(started_on__gt=Coalesce(OuterRef("started_on"), never))
    )
    return [
        _finding(
            "open_office_superseded",
            office,
            "Still open (no end date), although a later holder of the same post is recorded.",
        )
        for office in _loaded(
            Office.objects.filter(ended_on__isnull=True).filter(Exists(later.exclude(pk=OuterRef("pk"))))
        )
    ]


def disputes_without_preferred_claim() -> list[Finding]:
    preferred = Claim.objects.filter(dispute=OuterRef("pk"), is_preferred=True)
    findings = [
        _finding("dispute_without_preferred", dispute, "No claim of this dispute is marked preferred.")
        for dispute in _loaded(Dispute.objects.filter(~Exists(preferred)))
    ]
    # A milestone the sources tell differently is a dispute too, one claim per row.
    unsettled = (
        Milestone.objects.values("agreement", "kind", "party__slug")
        .annotate(preferred=Count("pk", filter=Q(is_preferred=True)))
        .filter(preferred=0)
        .order_by("agreement", "kind", "party__slug")
    )
    agreements = Agreement.objects.in_bulk({group["agreement"] for group in unsettled})
    for group in unsettled:
        agreement = agreements[group["agreement"]]
        party = f"/{group['party__slug']}" if group["party__slug"] else ""
        kind = MilestoneKind(group["kind"])
        findings.append(
            Finding(
                "dispute_without_preferred",
                f"milestone:{agreement.slug}/{kind.value}{party}",
                f"{agreement}: {kind.label}{party.replace('/', ', ')}",
                "No claim of this milestone is marked preferred, so none counts for the status.",
                admin_url(agreement),
            )
        )
    return findings


def overlapping_pledges() -> list[Finding]:
    return [
        _finding(
            "pledge_overlap", first, overlap_problem(second), f"{record_key(first)} & {record_key(second)}"
        )
        for first, second in (
            sorted(pair, key=record_key)
            for pair in pledge_overlaps(Pledge.objects.select_related(*key_relations(Pledge)))
        )
    ]


def quotes_not_in_source_text() -> list[Finding]:
    """Verbatim quotes that the stored text of their source does not contain."""
    return [
        _finding(
            "quote_not_in_source",
            citation,
            problem,
            f"{record_key(citation.source)} / {citation.fact_kind} / {citation.quote[:60]}",
        )
        for citation, problem in failing_quotes()
    ]


# Each check's name (as waivers give it): its title and the function that runs it.
CHECKS = {
    "uncited": ("Facts without a citation", uncited_facts),
    "source_without_url": ("Sources without a URL", sources_without_url),
    "open_office_superseded": ("Offices still open although a later holder exists", superseded_open_offices),
    "dispute_without_preferred": ("Disputes with no preferred claim", disputes_without_preferred_claim),
    "pledge_overlap": ("Overlapping pledges without a 'part of' link", overlapping_pledges),
    "quote_not_in_source": ("Quotes not in their source's stored text", quotes_not_in_source_text),
}


def all_findings() -> list[Finding]:
    return [finding for _title, check in CHECKS.values() for finding in check()]
