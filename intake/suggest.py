"""From chosen sentences to the admin add form of a fact, prefilled with what they state
and with the citation (this source, the sentences as the quote) attached."""

import re
from collections import Counter
from urllib.parse import urlencode

from django.urls import reverse

from agreements.models import Agreement, MilestoneKind
from donors.models import Party, Person
from intake.sentences import Sentence, quote_of
from pledges.models import PledgeCategory, ProgrammeRole
from sources.admin import CITE_QUOTE, CITE_SOURCE, RETURN_TO
from sources.models import Source

FACT_KINDS = {
    "pledge": ("pledges", "pledge"),
    "milestone": ("agreements", "milestone"),
    "signatory": ("agreements", "signatory"),
    "office": ("donors", "office"),
    "membership": ("pledges", "programmemembership"),
}
RECIPIENT_CODE = "UA"  # the tracker follows aid to Ukraine: the recipient unless said otherwise

# Words that say which kind of aid or which event; the editor corrects what they miss.
CATEGORY_WORDS = [
    (PledgeCategory.MIXED, r"military,? and civilian|military and non-military"),
    (PledgeCategory.HUMANITARIAN, r"humanitarian"),
    (PledgeCategory.FINANCIAL, r"financial|budget|loan|macro-?financial|reconstruction"),
    (PledgeCategory.MILITARY, r"military|defen[cs]e|artillery|ammunition|weapon|air defen|shell|aircraft"),
]
MILESTONE_WORDS = [
    (MilestoneKind.IN_FORCE, r"entered into force|enters into force|came into force"),
    (MilestoneKind.RATIFIED, r"ratif"),
    (MilestoneKind.CONCLUDED, r"concluded (the )?negotiations|negotiations (were|have been) concluded"),
    (
        MilestoneKind.TALKS_STARTED,
        r"beg[au]n (discussions|talks|negotiations)|start(ed)? (talks|negotiations)",
    ),
    (MilestoneKind.PUBLISHED, r"published|made public"),
    (MilestoneKind.SIGNED, r"sign|ink"),
]
PURPOSE = re.compile(r"\b(?:for|towards)\s+(?!Ukraine\b)(.+?)(?=[,;.:]|\s+(?:with|under|through|and|as)\s|$)")


def _mentions(chosen: list[Sentence], kind: str):
    return [mention for sentence in chosen for mention in sentence.named(kind)]


def _first_match(words, text, default=""):
    return next((value for value, pattern in words if re.search(pattern, text, re.IGNORECASE)), default)


def _recipient() -> Party | None:
    return Party.objects.filter(iso_code=RECIPIENT_CODE).first()


def _parties(chosen: list[Sentence], recipient, article: list[Sentence] = ()) -> list[int]:
    """The parties the sentences name, recipient aside; if they name none ('the Storting
    agreed'), the party the whole article names most."""
    ids = [mention.pk for sentence in chosen for mention in sentence.named("party")]
    named = [pk for pk in dict.fromkeys(ids) if not recipient or pk != recipient.pk]
    if named or not article:
        return named
    counts = Counter(
        mention.pk
        for sentence in article
        for mention in sentence.named("party")
        if not recipient or mention.pk != recipient.pk
    )
    return [pk for pk, _ in counts.most_common(1)]


def _agreement(chosen: list[Sentence], parties: list[int], recipient) -> int | None:
    """The agreement named, else the only one between the first party named and the recipient."""
    named = [mention.pk for sentence in chosen for mention in sentence.named("agreement")]
    if named:
        return named[0]
    if not parties or not recipient:
        return None
    between = Agreement.objects.filter(parties=parties[0]).filter(parties=recipient).filter(is_bilateral=True)
    ids = list(between.values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def _when(chosen: list[Sentence], source: Source) -> dict:
    stated = [date for sentence in chosen for date in sentence.dates]
    if stated:
        return {"date": stated[0].date, "precision": stated[0].precision}
    return {"date": source.published_on, "precision": source.published_precision}


def _pledge_fields(chosen, source, money_index, article) -> dict:
    recipient = _recipient()
    parties = _parties(chosen, recipient, article)
    sentence = chosen[0]
    text = " ".join(s.text for s in chosen)
    fields = {"recipient": recipient.pk if recipient else None, "donor": parties[0] if parties else None}
    segment = text
    if sentence.money:
        stated = sentence.money[min(money_index, len(sentence.money) - 1)]
        fields |= {"amount": stated.amount, "currency": stated.currency, "amount_qualifier": stated.qualifier}
        # What follows this sum (up to the next one) says what it is for and through what.
        start = sentence.text.find(stated.text) + len(stated.text)
        later = [s.text for s in sentence.money if sentence.text.find(s.text, start) >= 0 and s is not stated]
        end = min([sentence.text.find(t, start) for t in later] or [len(sentence.text)])
        segment = sentence.text[start:end]
    programmes = [m for m in _mentions(chosen, "programme") if m.label.casefold() in segment.casefold()]
    if not programmes and len(sentence.money) <= 1:
        programmes = _mentions(chosen, "programme")  # one sum: the programme named anywhere
    if programmes:
        fields["programme"] = programmes[0].pk
        segment = segment.replace(programmes[0].label, " ")
    if purpose := PURPOSE.search(segment):
        fields["purpose"] = re.sub(r"\s+(?:for|to|of)\s+Ukraine$", "", purpose.group(1).strip())[:300]
    fields["category"] = _first_match(CATEGORY_WORDS, text, PledgeCategory.MILITARY)
    if quantities := [q for s in chosen for q in s.quantities]:
        fields |= {"quantity": quantities[0].count, "item": quantities[0].item}
    when = _when(chosen, source)
    fields |= {"announced_on": when["date"], "announced_precision": when["precision"]}
    if periods := [p for s in chosen for p in s.periods]:
        period = periods[0]
        first = period.first_year or (when["date"].year if when["date"] else None)
        last = period.last_year or (first + period.years - 1 if first and period.years else None)
        fields |= {"period_start_year": first, "period_end_year": last}
    fields["agreement"] = (
        _agreement(chosen, parties, recipient) if re.search(r"agreement", text, re.I) else None
    )
    return fields


def _milestone_fields(chosen, source, article) -> dict:
    recipient = _recipient()
    text = " ".join(s.text for s in chosen)
    when = _when(chosen, source)
    return {
        "agreement": _agreement(chosen, _parties(chosen, recipient, article), recipient),
        "kind": _first_match(MILESTONE_WORDS, text),
        "date": when["date"],
        "date_precision": when["precision"],
    }


def _person(chosen) -> Person | None:
    people = _mentions(chosen, "person")
    return Person.objects.filter(pk=people[0].pk).first() if people else None


def _signatory_fields(chosen, source, article) -> dict:
    recipient = _recipient()
    person = _person(chosen)
    office = person.offices.order_by("-started_on").first() if person else None
    return {
        "agreement": _agreement(chosen, _parties(chosen, recipient), recipient),
        "person": person.pk if person else None,
        "party": (office.party_id if office else person.country_id) if person else None,
        "office": office.pk if office else None,
        "title": office.title if office else "",
    }


def _office_fields(chosen, source, article) -> dict:
    person = _person(chosen)
    parties = _mentions(chosen, "party")
    return {
        "person": person.pk if person else None,
        "party": person.country_id if person and person.country_id else (parties[0].pk if parties else None),
    }


def _membership_fields(chosen, source, article) -> dict:
    programmes = _mentions(chosen, "programme")
    parties = _parties(chosen, _recipient(), article)
    text = " ".join(s.text for s in chosen)
    return {
        "programme": programmes[0].pk if programmes else None,
        "party": parties[0] if parties else None,
        "role": ProgrammeRole.LEAD if re.search(r"\blead", text, re.IGNORECASE) else ProgrammeRole.MEMBER,
    }


FIELDS_OF = {
    "milestone": _milestone_fields,
    "signatory": _signatory_fields,
    "office": _office_fields,
    "membership": _membership_fields,
}


def add_form_url(
    kind: str, chosen: list[Sentence], article: list[Sentence], source: Source, money_index: int, back: str
) -> str:
    """The add form of the fact, prefilled from the chosen sentences (the first one's
    values; the article's for what they leave out), citing them; saving it comes back."""
    app, model = FACT_KINDS[kind]
    if kind == "pledge":
        fields = _pledge_fields(chosen, source, money_index, article)
    else:
        fields = FIELDS_OF[kind](chosen, source, article)
    query = {name: value for name, value in fields.items() if value not in (None, "")}
    query |= {CITE_SOURCE: source.pk, CITE_QUOTE: quote_of(chosen), RETURN_TO: back}
    return reverse(f"admin:{app}_{model}_add") + "?" + urlencode(query)
