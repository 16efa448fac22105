"""The database written back into data/, sorted and formatted stably.

Each file holds what an editor writes and nothing derived; a value equal to the
schema's default is left out, so files stay short. Lists are sorted by their keys,
citations by source then age, so loading a dump and dumping again gives the same bytes.
"""

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.db.models import Q

from agreements.models import Agreement, Area
from curation import schema
from curation.yaml_io import write
from donors.models import Party, Person
from pledges.models import Pledge, Programme
from provisions.models import Provision
from sources.models import CITED_FACTS, Citation, Dispute, Source

FACT_FIELDS = [name for name, _ in CITED_FACTS]


def _compact(model, values: dict) -> dict:
    """The values in the schema's field order, less those equal to its default."""
    fields = model.model_fields
    return {
        name: values[name]
        for name in fields
        if name in values and (fields[name].is_required() or values[name] != fields[name].default)
    }


def _amount(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else str(value.normalize())


class Dumper:
    def __init__(self):
        self.citations = defaultdict(list)
        for citation in Citation.objects.select_related("source").order_by("source__slug", "pk"):
            fact = next(name for name in FACT_FIELDS if getattr(citation, f"{name}_id"))
            self.citations[fact, getattr(citation, f"{fact}_id")].append(citation)

    def cited(self, kind: str, pk: int) -> list:
        return [
            _compact(
                schema.CitationIn,
                {
                    "source": c.source.slug,
                    "quote": c.quote,
                    "quote_form": c.quote_form,
                    "locator": c.locator,
                    "note": c.note,
                    "editor_note": c.editor_note,
                },
            )
            for c in self.citations[kind, pk]
        ]

    def source(self, source):
        return _compact(
            schema.SourceFile,
            {
                "title": source.title,
                "publisher": source.publisher,
                "author": source.author,
                "kind": source.kind,
                "published": schema.format_date(source.published_on, source.published_precision),
                "url": source.url,
                "language": source.language,
                "notes": source.notes,
                "editor_note": source.editor_note,
            },
        )

    def dispute(self, dispute, with_slug=True):
        values = {
            "slug": dispute.slug,
            "topic": dispute.topic,
            "is_open": dispute.is_open,
            "note": dispute.note,
            "editor_note": dispute.editor_note,
            "claims": [
                _compact(
                    schema.ClaimIn,
                    {
                        "statement": claim.statement,
                        "is_preferred": claim.is_preferred,
                        "reason": claim.reason,
                        "citations": self.cited("claim", claim.pk),
                    },
                )
                for claim in sorted(dispute.claims.all(), key=lambda c: c.pk)
            ],
        }
        return _compact(schema.DisputeIn if with_slug else schema.DisputeBody, values)

    def pledge(self, pledge, in_programme=False):
        return _compact(
            schema.PledgeIn,
            {
                "key": pledge.key,
                "donor": pledge.donor.slug,
                "recipient": pledge.recipient.slug,
                "programme": None if in_programme or not pledge.programme else pledge.programme.slug,
                "category": pledge.category,
                "purpose": pledge.purpose,
                "amount": _amount(pledge.amount),
                "currency": pledge.currency,
                "amount_qualifier": pledge.amount_qualifier,
                "quantity": pledge.quantity,
                "item": pledge.item,
                "basis": pledge.basis,
                "announced": schema.format_date(pledge.announced_on, pledge.announced_precision),
                "period_start_year": pledge.period_start_year,
                "period_end_year": pledge.period_end_year,
                "amount_basis": pledge.amount_basis,
                "status": pledge.status,
                "part_of": pledge.part_of.key if pledge.part_of else None,
                "fulfils": pledge.fulfils.key if pledge.fulfils else None,
                "notes": pledge.notes,
                "editor_note": pledge.editor_note,
                "citations": self.cited("pledge", pledge.pk),
                "disputes": [self.dispute(d) for d in sorted(pledge.disputes.all(), key=lambda d: d.slug)],
            },
        )

    def agreement(self, agreement, pledges):
        milestones = sorted(agreement.milestones.all(), key=lambda m: (m.date, m.key))
        signatories = sorted(agreement.signatories.all(), key=lambda s: (s.party.slug, s.person.slug))
        parties = sorted(agreement.party_roles.all(), key=lambda p: (p.role, p.party.slug))
        return _compact(
            schema.AgreementFile,
            {
                "title": agreement.title,
                "kind": agreement.kind,
                "is_bilateral": agreement.is_bilateral,
                "framework": agreement.framework.slug if agreement.framework else None,
                "summary": agreement.summary,
                "text_url": agreement.text_url,
                "term_years": agreement.term_years,
                "term_note": agreement.term_note,
                "binding_nature": agreement.binding_nature,
                "areas": sorted(area.slug for area in agreement.areas.all()),
                "notes": agreement.notes,
                "editor_note": agreement.editor_note,
                "citations": self.cited("agreement", agreement.pk),
                "parties": [{"party": p.party.slug, "role": p.role} for p in parties],
                "milestones": [
                    _compact(
                        schema.MilestoneIn,
                        {
                            "key": m.key,
                            "kind": m.kind,
                            "date": schema.format_date(m.date, m.date_precision),
                            "place": m.place,
                            "party": m.party.slug if m.party else None,
                            "is_preferred": m.is_preferred,
                            "note": m.note,
                            "editor_note": m.editor_note,
                            "citations": self.cited("milestone", m.pk),
                        },
                    )
                    for m in milestones
                ],
                "signatories": [
                    _compact(
                        schema.SignatoryIn,
                        {
                            "person": s.person.slug,
                            "party": s.party.slug,
                            "office": s.office.key if s.office else None,
                            "title": s.title,
                            "citations": self.cited("signatory", s.pk),
                        },
                    )
                    for s in signatories
                ],
                "pledges": [self.pledge(p) for p in pledges],
                "disputes": [self.dispute(d) for d in sorted(agreement.disputes.all(), key=lambda d: d.slug)],
                "provisions": [self.cell(c) for c in sorted(agreement.provision_cells.all(), key=_column)],
            },
        )

    def cell(self, cell):
        return _compact(
            schema.ProvisionCellIn,
            {
                "provision": cell.provision.slug,
                "answer": cell.answer,
                "choice": cell.choice,
                "number": _amount(cell.number),
                "unit": cell.unit,
                "text": cell.text,
                "conditions": cell.conditions,
                "binds": cell.binds,
                "passage": cell.passage,
                "dispute": cell.dispute.slug if cell.dispute else None,
                "note": cell.note,
                "editor_note": cell.editor_note,
                "citations": self.cited("agreement_provision", cell.pk),
            },
        )

    def party(self, party, pledges):
        memberships = sorted(party.membership_rows.all(), key=lambda m: (m.organisation.slug, m.pk))
        return _compact(
            schema.PartyFile,
            {
                "name": party.name,
                "kind": party.kind,
                "iso_code": party.iso_code,
                "official_name": party.official_name,
                "notes": party.notes,
                "citations": self.cited("party", party.pk),
                "memberships": [
                    _compact(
                        schema.MembershipIn,
                        {
                            "organisation": m.organisation.slug,
                            "joined": schema.format_date(m.joined_on, m.joined_precision),
                            "left": schema.format_date(m.left_on, m.left_precision),
                            "citations": self.cited("membership", m.pk),
                        },
                    )
                    for m in memberships
                ],
                "pledges": [self.pledge(p) for p in pledges],
            },
        )

    def person(self, person):
        offices = sorted(person.offices.all(), key=lambda o: o.key)
        return _compact(
            schema.PersonFile,
            {
                "name": person.name,
                "country": person.country.slug if person.country else None,
                "notes": person.notes,
                "editor_note": person.editor_note,
                "offices": [
                    _compact(
                        schema.OfficeIn,
                        {
                            "key": o.key,
                            "title": o.title,
                            "party": o.party.slug,
                            "started": schema.format_date(o.started_on, o.started_precision),
                            "ended": schema.format_date(o.ended_on, o.ended_precision),
                            "citations": self.cited("office", o.pk),
                        },
                    )
                    for o in offices
                ],
            },
        )

    def programme(self, programme, pledges):
        members = sorted(programme.memberships.all(), key=lambda m: (m.role, m.party.slug))
        return _compact(
            schema.ProgrammeFile,
            {
                "name": programme.name,
                "kind": programme.kind,
                "description": programme.description,
                "url": programme.url,
                "budget_amount": _amount(programme.budget_amount),
                "budget_currency": programme.budget_currency,
                "start_year": programme.start_year,
                "end_year": programme.end_year,
                "citations": self.cited("programme", programme.pk),
                "members": [
                    _compact(
                        schema.ProgrammeMemberIn,
                        {
                            "party": m.party.slug,
                            "role": m.role,
                            "note": m.note,
                            "citations": self.cited("programme_membership", m.pk),
                        },
                    )
                    for m in members
                ],
                "pledges": [self.pledge(p, in_programme=True) for p in pledges],
            },
        )


def _column(cell):
    return (cell.provision.position, cell.provision.slug)


def provision_catalogue() -> list:
    return [
        _compact(
            schema.ProvisionIn,
            {
                "slug": p.slug,
                "name": p.name,
                "question": p.question,
                "value_type": p.value_type,
                "unit": p.unit,
                "choices": list(p.choices),
                "guide": p.guide,
            },
        )  # fmt: skip
        for p in Provision.objects.order_by("position", "slug")
    ]


def curated_sources():
    """Sources of facts; the ECB's and the World Bank's (of the rate and GDP tables, which their
    commands make) are not curated."""
    made_by_commands = (
        Q(exchange_rates__isnull=False) | Q(gdp_figures__isnull=False) | Q(gdp_rates__isnull=False)
    )
    return Source.objects.exclude(made_by_commands, citations__isnull=True).distinct()


def dump(root: Path) -> int:
    """Write every file under `root` (replacing the files of the folders it owns); returns the count."""
    dumper = Dumper()
    pledges = defaultdict(list)
    pledge_rows = Pledge.objects.select_related(
        "donor", "recipient", "programme", "part_of", "fulfils", "agreement"
    )
    for pledge in pledge_rows.prefetch_related("disputes__claims").order_by("key"):
        if pledge.agreement:
            pledges["agreements", pledge.agreement.slug].append(pledge)
        elif pledge.programme:
            pledges["programmes", pledge.programme.slug].append(pledge)
        else:
            pledges["parties", pledge.donor.slug].append(pledge)
    files = {}
    for source in curated_sources():
        files[f"sources/{source.slug}.yml"] = dumper.source(source)
    for party in Party.objects.prefetch_related("membership_rows__organisation"):
        files[f"parties/{party.slug}.yml"] = dumper.party(party, pledges["parties", party.slug])
    for person in Person.objects.select_related("country").prefetch_related("offices__party"):
        files[f"people/{person.slug}.yml"] = dumper.person(person)
    for programme in Programme.objects.prefetch_related("memberships__party"):
        files[f"programmes/{programme.slug}.yml"] = dumper.programme(
            programme, pledges["programmes", programme.slug]
        )
    agreements = Agreement.objects.select_related("framework").prefetch_related(
        "areas",
        "party_roles__party",
        "milestones__party",
        "signatories__person",
        "signatories__party",
        "signatories__office",
        "disputes__claims",
        "provision_cells__provision",
        "provision_cells__dispute",
    )
    for agreement in agreements:
        files[f"agreements/{agreement.slug}.yml"] = dumper.agreement(
            agreement, pledges["agreements", agreement.slug]
        )
    for dispute in Dispute.objects.filter(agreement=None, pledge=None).prefetch_related("claims"):
        files[f"disputes/{dispute.slug}.yml"] = dumper.dispute(dispute, with_slug=False)
    files[schema.AREAS_FILE] = {area.slug: area.name for area in Area.objects.order_by("slug")}
    if Provision.objects.exists():
        files[schema.PROVISIONS_FILE] = provision_catalogue()
    for folder in schema.FOLDERS:
        for stale in (root / folder).glob("*.yml"):
            if f"{folder}/{stale.name}" not in files:
                stale.unlink()
    for name, data in sorted(files.items()):
        write(root / name, data)
    return len(files)
