"""data/ loaded into the database through the write services, in one transaction.

Rows are matched by their slug or key (nested rows: by their parent and key, or by what
names them, e.g. a signatory by its person; citations by their source, in order). A row
is saved only when a value differs, with a history entry naming the file it came from,
so loading the same files twice changes nothing. Rows missing from the files are listed
and kept, and the load refused, unless `purge` is given.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import ProtectedError

from agreements.models import Agreement, AgreementParty, Area, Milestone, Signatory
from agreements.services import agreement_refresh_status, milestone_delete, milestone_save
from core.services import record_save
from curation import schema
from curation.dump import curated_sources
from curation.files import Dataset
from curation.schema import parse_partial_date
from donors.models import Membership, Office, Party, Person
from pledges.models import Pledge, Programme, ProgrammeMembership
from pledges.services import pledge_save
from provisions.models import AgreementProvision, Provision
from provisions.services import agreement_provision_save
from sources.models import CITED_FACTS, Citation, Claim, Dispute, Source

# Deleted in this order under --purge, so that a row goes before what it protects.
PURGE_ORDER = [
    Citation, Claim, AgreementProvision, Dispute, Pledge, Signatory, Milestone, AgreementParty, Agreement,
    Provision, ProgrammeMembership, Programme, Office, Membership, Person, Party, Source, Area,
]  # fmt: skip


class LoadRefused(Exception):
    pass


def _date(text):
    return parse_partial_date(text) if text else (None, "")


def _by(rows, *fields):
    return {
        tuple(getattr(row, f) for f in fields) if len(fields) > 1 else getattr(row, fields[0]): row
        for row in rows
    }


class Loader:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.created = self.updated = 0
        self.kept = defaultdict(set)  # model -> pks present in the files
        self.existing = {
            Area: _by(Area.objects.all(), "slug"),
            Source: _by(Source.objects.all(), "slug"),
            Party: _by(Party.objects.all(), "slug"),
            Membership: _by(Membership.objects.all(), "member_id", "organisation_id"),
            Person: _by(Person.objects.all(), "slug"),
            Office: _by(Office.objects.all(), "person_id", "key"),
            Programme: _by(Programme.objects.all(), "slug"),
            ProgrammeMembership: _by(ProgrammeMembership.objects.all(), "programme_id", "party_id"),
            Agreement: _by(Agreement.objects.prefetch_related("areas"), "slug"),
            AgreementParty: _by(AgreementParty.objects.all(), "agreement_id", "party_id"),
            Milestone: _by(Milestone.objects.all(), "agreement_id", "key"),
            Signatory: _by(Signatory.objects.all(), "agreement_id", "person_id"),
            Pledge: _by(Pledge.objects.all(), "key"),
            Dispute: _by(Dispute.objects.all(), "slug"),
            Provision: _by(Provision.objects.all(), "slug"),
            AgreementProvision: _by(AgreementProvision.objects.all(), "agreement_id", "provision_id"),
        }
        self.claims = defaultdict(list)
        for claim in Claim.objects.order_by("pk"):
            self.claims[claim.dispute_id].append(claim)
        self.citations = defaultdict(list)
        for citation in Citation.objects.order_by("pk"):
            fact = next(name for name, _ in CITED_FACTS if getattr(citation, f"{name}_id"))
            self.citations[fact, getattr(citation, f"{fact}_id"), citation.source_id].append(citation)

    # -- one row --------------------------------------------------------------------------

    def put(self, model, key, values: dict, reason: str, save=None):
        """Create or update the row named `key` so that it holds `values`."""
        row = self.existing[model].get(key) if key is not None else None
        return self.put_row(model, row, values, reason, save)

    def put_row(self, model, row, values, reason, save=None):
        if row is None:
            row, self.created = model(), self.created + 1
        elif all(getattr(row, name) == value for name, value in values.items()):
            self.kept[model].add(row.pk)
            return row
        else:
            self.updated += 1
        for name, value in values.items():
            setattr(row, name, value)
        row._change_reason = reason[:100]
        try:
            if save is None:
                record_save(record=row, checked_by_database=True)
            else:
                save(row)
        except (ValidationError, IntegrityError, DataError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else error.args[0]
            message = message.strip().splitlines()[0]  # PostgreSQL's first line; the rest repeats the row
            raise LoadRefused(f"{reason.removeprefix('loaded from ')}: {describe(row)}: {message}") from error
        self.kept[model].add(row.pk)
        return row

    def cite(self, kind: str, fact, citations, reason):
        taken = defaultdict(int)
        for citation in citations:
            source = self.source_pk(citation.source)
            rows = self.citations[kind, fact.pk, source]
            row = rows[taken[source]] if taken[source] < len(rows) else None
            taken[source] += 1
            values = {
                "source_id": source,
                f"{kind}_id": fact.pk,
                "quote": citation.quote,
                "quote_form": citation.quote_form,
                "locator": citation.locator,
                "note": citation.note,
                "editor_note": citation.editor_note,
            }
            self.put_row(Citation, row, values, reason)

    def pk(self, model, slug):
        return self.existing[model][slug].pk if slug is not None else None

    def source_pk(self, slug):
        return self.existing[Source][slug].pk

    # -- the files, parents before children -----------------------------------------------

    def load(self):
        dataset = self.dataset
        areas_reason = f"loaded from data/{'areas.yml'}"
        for slug, name in dataset.areas.items():
            self.existing[Area][slug] = self.put(Area, slug, {"slug": slug, "name": name}, areas_reason)
        for slug, f in dataset.files["sources"].items():
            s = f.data
            published, precision = _date(s.published)
            values = {
                "slug": slug, "title": s.title, "publisher": s.publisher, "author": s.author,
                "kind": s.kind, "published_on": published, "published_precision": precision,
                "url": s.url, "language": s.language, "notes": s.notes, "editor_note": s.editor_note,
            }  # fmt: skip
            self.existing[Source][slug] = self.put(Source, slug, values, dataset.reason(f))
        self.load_parties()
        self.load_people()
        self.load_programmes()
        self.load_agreements()
        self.load_pledges()
        self.load_disputes()
        self.load_provisions()

    def load_parties(self):
        files = self.dataset.files["parties"]
        for slug, f in files.items():
            p = f.data
            values = {
                "slug": slug, "name": p.name, "kind": p.kind, "iso_code": p.iso_code,
                "official_name": p.official_name, "notes": p.notes,
            }  # fmt: skip
            self.existing[Party][slug] = self.put(Party, slug, values, self.dataset.reason(f))
        for slug, f in files.items():
            party = self.existing[Party][slug]
            self.cite("party", party, f.data.citations, self.dataset.reason(f))
            for m in f.data.memberships:
                organisation = self.pk(Party, m.organisation)
                joined, joined_precision = _date(m.joined)
                left, left_precision = _date(m.left)
                values = {
                    "member_id": party.pk, "organisation_id": organisation, "joined_on": joined,
                    "joined_precision": joined_precision, "left_on": left, "left_precision": left_precision,
                }  # fmt: skip
                row = self.put(Membership, (party.pk, organisation), values, self.dataset.reason(f))
                self.cite("membership", row, m.citations, self.dataset.reason(f))

    def load_people(self):
        for slug, f in self.dataset.files["people"].items():
            p, reason = f.data, self.dataset.reason(f)
            values = {
                "slug": slug, "name": p.name, "country_id": self.pk(Party, p.country),
                "notes": p.notes, "editor_note": p.editor_note,
            }  # fmt: skip
            person = self.existing[Person][slug] = self.put(Person, slug, values, reason)
            for o in p.offices:
                started, started_precision = _date(o.started)
                ended, ended_precision = _date(o.ended)
                values = {
                    "person_id": person.pk, "key": o.key, "title": o.title,
                    "party_id": self.pk(Party, o.party),
                    "started_on": started, "started_precision": started_precision,
                    "ended_on": ended, "ended_precision": ended_precision,
                }  # fmt: skip
                office = self.existing[Office][person.pk, o.key] = self.put(
                    Office, (person.pk, o.key), values, reason
                )
                self.cite("office", office, o.citations, reason)

    def load_programmes(self):
        for slug, f in self.dataset.files["programmes"].items():
            p, reason = f.data, self.dataset.reason(f)
            values = {
                "slug": slug, "name": p.name, "kind": p.kind, "description": p.description, "url": p.url,
                "budget_amount": p.budget_amount, "budget_currency": p.budget_currency,
                "start_year": p.start_year, "end_year": p.end_year,
            }  # fmt: skip
            programme = self.existing[Programme][slug] = self.put(Programme, slug, values, reason)
            self.cite("programme", programme, p.citations, reason)
            for m in p.members:
                party = self.pk(Party, m.party)
                values = {"programme_id": programme.pk, "party_id": party, "role": m.role, "note": m.note}
                row = self.put(ProgrammeMembership, (programme.pk, party), values, reason)
                self.cite("programme_membership", row, m.citations, reason)

    def load_agreements(self):
        files = self.dataset.files["agreements"]
        for slug in _parents_first({slug: f.data.framework for slug, f in files.items()}):
            f = files[slug]
            a, reason = f.data, self.dataset.reason(f)
            values = {
                "slug": slug, "title": a.title, "kind": a.kind, "is_bilateral": a.is_bilateral,
                "framework_id": self.pk(Agreement, a.framework), "summary": a.summary, "text_url": a.text_url,
                "term_years": a.term_years, "term_note": a.term_note, "binding_nature": a.binding_nature,
                "notes": a.notes, "editor_note": a.editor_note,
            }  # fmt: skip
            is_new = slug not in self.existing[Agreement]
            agreement = self.existing[Agreement][slug] = self.put(Agreement, slug, values, reason)
            agreement._change_reason = reason[:100]  # also for its status, derived below
            areas = {self.existing[Area][area].pk for area in a.areas}
            if {area.pk for area in agreement.areas.all()} != areas:
                agreement.areas.set(areas)
                self.updated += not is_new
            self.cite("agreement", agreement, a.citations, reason)
            for p in a.parties:
                party = self.pk(Party, p.party)
                values = {"agreement_id": agreement.pk, "party_id": party, "role": p.role}
                self.put(AgreementParty, (agreement.pk, party), values, reason)
            for m in a.milestones:
                date, precision = _date(m.date)
                values = {
                    "agreement": agreement, "key": m.key, "kind": m.kind, "date": date,
                    "date_precision": precision, "place": m.place, "party_id": self.pk(Party, m.party),
                    "is_preferred": m.is_preferred, "note": m.note, "editor_note": m.editor_note,
                }  # fmt: skip
                row = self.put(Milestone, (agreement.pk, m.key), values, reason, _save_milestone)
                self.cite("milestone", row, m.citations, reason)
            for s in a.signatories:
                person = self.pk(Person, s.person)
                office = self.existing[Office][person, s.office].pk if s.office else None
                values = {
                    "agreement_id": agreement.pk, "person_id": person, "party_id": self.pk(Party, s.party),
                    "office_id": office, "title": s.title,
                }  # fmt: skip
                row = self.put(Signatory, (agreement.pk, person), values, reason)
                self.cite("signatory", row, s.citations, reason)
            agreement_refresh_status(agreement=agreement)

    def load_pledges(self):
        pledges = {
            p.key: (f, p, agreement, programme) for f, _, p, agreement, programme in self.dataset.pledges()
        }
        parents = {key: entry[1].part_of or entry[1].fulfils for key, entry in pledges.items()}
        for key in _parents_first(parents):
            f, p, agreement, programme = pledges[key]
            reason = self.dataset.reason(f)
            announced, precision = _date(p.announced)
            values = {
                "key": key, "donor_id": self.pk(Party, p.donor), "recipient_id": self.pk(Party, p.recipient),
                "agreement_id": self.pk(Agreement, agreement), "programme_id": self.pk(Programme, programme),
                "category": p.category, "purpose": p.purpose, "amount": p.amount, "currency": p.currency,
                "amount_qualifier": p.amount_qualifier, "quantity": p.quantity, "item": p.item,
                "basis": p.basis, "announced_on": announced, "announced_precision": precision,
                "period_start_year": p.period_start_year, "period_end_year": p.period_end_year,
                "amount_basis": p.amount_basis, "status": p.status, "part_of_id": self.pk(Pledge, p.part_of),
                "fulfils_id": self.pk(Pledge, p.fulfils), "notes": p.notes,
                "editor_note": p.editor_note,
            }  # fmt: skip
            pledge = self.put(Pledge, key, values, reason, _save_pledge)
            self.existing[Pledge][key] = pledge
            self.cite("pledge", pledge, p.citations, reason)

    def load_disputes(self):
        for f, _, d, slug, agreement, pledge in self.dataset.disputes():
            reason = self.dataset.reason(f)
            values = {
                "slug": slug, "topic": d.topic, "agreement_id": self.pk(Agreement, agreement),
                "pledge_id": self.pk(Pledge, pledge), "is_open": d.is_open, "note": d.note,
                "editor_note": d.editor_note,
            }  # fmt: skip
            dispute = self.existing[Dispute][slug] = self.put(Dispute, slug, values, reason)
            rows = self.claims[dispute.pk]
            for index, c in enumerate(d.claims):
                row = rows[index] if index < len(rows) else None
                values = {
                    "dispute_id": dispute.pk, "statement": c.statement,
                    "is_preferred": c.is_preferred, "reason": c.reason,
                }  # fmt: skip
                claim = self.put_row(Claim, row, values, reason)
                self.cite("claim", claim, c.citations, reason)

    def load_provisions(self):
        reason = f"loaded from data/{schema.PROVISIONS_FILE}"
        for position, p in enumerate(self.dataset.provisions):
            values = {
                "slug": p.slug, "name": p.name, "question": p.question, "value_type": p.value_type,
                "unit": p.unit, "choices": p.choices, "guide": p.guide, "position": position,
            }  # fmt: skip
            self.existing[Provision][p.slug] = self.put(Provision, p.slug, values, reason)
        for slug, f in self.dataset.files["agreements"].items():
            agreement, reason = self.existing[Agreement][slug], self.dataset.reason(f)
            for c in f.data.provisions:
                provision = self.pk(Provision, c.provision)
                values = {
                    "agreement_id": agreement.pk, "provision_id": provision, "answer": c.answer,
                    "choice": c.choice, "number": c.number, "unit": c.unit, "text": c.text,
                    "conditions": c.conditions, "binds": c.binds, "passage": c.passage,
                    "dispute_id": self.pk(Dispute, c.dispute), "note": c.note, "editor_note": c.editor_note,
                }  # fmt: skip
                row = self.put(
                    AgreementProvision,
                    (agreement.pk, provision),
                    values,
                    reason,
                    lambda r: agreement_provision_save(cell=r, checked_by_database=True),
                )
                self.cite("agreement_provision", row, c.citations, reason)

    # -- what the files no longer hold ----------------------------------------------------

    def missing(self) -> dict:
        curated = {Source: curated_sources()}
        return {
            model: list(
                curated.get(model, model.objects.all()).exclude(pk__in=self.kept[model]).order_by("pk")
            )
            for model in PURGE_ORDER
        }

    def purge(self, missing: dict) -> list[str]:
        deleted = []
        for model in PURGE_ORDER:
            rows = missing[model]
            if model is Pledge:  # a share (or a delivery) before the pledge it is part of (or fulfils)
                rows = sorted(rows, key=lambda p: p.part_of_id is None and p.fulfils_id is None)
            if model is Agreement:
                rows = sorted(rows, key=lambda a: a.framework_id is None)
            for row in rows:
                label = describe(row)
                if model is Milestone:
                    milestone_delete(milestone=row)
                elif model.objects.filter(pk=row.pk).exists():  # not already gone with its parent
                    row.delete()
                deleted.append(label)
        return deleted


def _save_milestone(milestone):
    milestone_save(milestone=milestone, checked_by_database=True)


def _save_pledge(pledge):
    pledge_save(pledge=pledge, checked_by_database=True)


def describe(row) -> str:
    try:
        return f"{row._meta.verbose_name} #{row.pk}: {row}" if row.pk else f"new {row._meta.verbose_name}"
    except Exception:  # noqa: BLE001 (a half-filled row may not name itself)
        return f"{row._meta.verbose_name} #{row.pk}"


def _parents_first(parent_of: dict) -> list:
    """The keys ordered so that each comes after its parent (a framework, a larger pledge)."""
    ordered, done = [], set()
    pending = dict(parent_of)
    while pending:
        ready = [
            k for k, parent in pending.items() if parent is None or parent in done or parent not in parent_of
        ]
        if not ready:
            raise LoadRefused(f"a cycle of parents among: {', '.join(sorted(pending))}")
        for key in ready:
            ordered.append(key)
            done.add(key)
            del pending[key]
    return ordered


@transaction.atomic
def load_dataset(dataset: Dataset, *, purge: bool = False) -> dict:
    """Load everything or nothing. Returns the counts and the rows deleted."""
    loader = Loader(dataset)
    loader.load()  # the data version advances once, at commit (core.cache)
    missing = loader.missing()
    found = [describe(row) for rows in missing.values() for row in rows]
    if found and not purge:
        raise LoadRefused(
            "Put these rows back in the files, or load with --purge to delete them; they are in the "
            "database but not in the files:\n  " + "\n  ".join(found) + "\n"
        )
    try:
        deleted = loader.purge(missing) if purge else []
    except ProtectedError as error:
        raise LoadRefused(f"cannot delete: {error.args[0]}") from error
    return {"created": loader.created, "updated": loader.updated, "deleted": deleted}
