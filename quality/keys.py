"""Stable, readable identifiers of records, for waivers: slugs and natural keys, never ids.

'pledge:sweden/2024-05-29/SEK 6,500,000,000 for air defence', 'party:ukraine'.
"""

from django.db.models import Model

# For each model: the related rows its key reads (loaded with it), and the key.
_NATURAL = {
    "agreements.Agreement": ([], lambda a: a.slug),
    "agreements.Milestone": (
        ["agreement", "party"],
        lambda m: f"{m.agreement.slug}/{m.kind}/{m.party.slug if m.party else '-'}/{m.date}",
    ),
    "agreements.Signatory": (["agreement", "person"], lambda s: f"{s.agreement.slug}/{s.person.slug}"),
    "pledges.Pledge": (
        ["donor"],
        lambda p: f"{p.donor.slug}/{p.announced_on or p.period_start_year}/{p.what}",
    ),
    "pledges.Programme": ([], lambda p: p.slug),
    "pledges.ProgrammeMembership": (["programme", "party"], lambda m: f"{m.programme.slug}/{m.party.slug}"),
    "donors.Party": ([], lambda p: p.slug),
    "donors.Office": (
        ["person", "party"],
        lambda o: f"{o.person.slug}/{o.title}/{o.party.slug}/{o.started_on or '-'}",
    ),
    "donors.Membership": (
        ["member", "organisation"],
        lambda m: f"{m.member.slug}/{m.organisation.slug}/{m.joined_on or '-'}",
    ),
    "provisions.AgreementProvision": (
        ["agreement", "provision"],
        lambda c: f"{c.agreement.slug}/{c.provision.slug}",
    ),
    "sources.Source": ([], lambda s: s.url or f"{s.publisher}/{s.title}/{s.published_on or '-'}"),
    "sources.Dispute": (["agreement", "pledge__donor"], lambda d: _dispute_key(d)),
    "sources.Claim": (
        ["dispute__agreement", "dispute__pledge__donor"],
        lambda c: f"{_dispute_key(c.dispute)}/{c.statement}",
    ),
}


def _dispute_key(dispute) -> str:
    if dispute.agreement:
        subject = dispute.agreement.slug
    elif dispute.pledge:
        subject = natural_key(dispute.pledge)
    else:
        subject = "-"
    return f"{subject}/{dispute.topic}"


def key_relations(model: type[Model]) -> list[str]:
    """What to select_related so that record_key() on many rows runs no further query."""
    return _NATURAL[model._meta.label][0]


def natural_key(record: Model) -> str:
    return _NATURAL[record._meta.label][1](record)


def record_key(record: Model) -> str:
    return f"{record._meta.model_name}:{natural_key(record)}"
