"""What a sentence names that the database knows: parties, people, programmes and
agreements, by their names (a party also by its official name, a person also by their
surname)."""

import re
from dataclasses import dataclass

from agreements.models import Agreement
from donors.models import Party, Person
from pledges.models import Programme


@dataclass(frozen=True)
class Mention:
    kind: str  # party, person, programme, agreement
    pk: int
    label: str
    position: int  # where in the sentence it is first named, to keep the text's order


def _names(kind: str) -> list[tuple[str, int, str]]:
    """(name as written, pk, label) for every row of a kind."""
    if kind == "party":
        rows = Party.objects.values_list("pk", "name", "official_name")
        return [(name, pk, label) for pk, label, official in rows for name in (label, official) if name]
    if kind == "person":
        rows = Person.objects.values_list("pk", "name")
        # Surnames stand alone in news ('said Mr Eide'); too short ones would match words.
        return [
            (name, pk, label) for pk, label in rows for name in {label, label.split()[-1]} if len(name) > 3
        ]
    if kind == "programme":
        return [(name, pk, name) for pk, name in Programme.objects.values_list("pk", "name")]
    return [(title, pk, title) for pk, title in Agreement.objects.values_list("pk", "title")]


class MentionFinder:
    """Loads the names once per article, then finds them in each sentence."""

    KINDS = ("party", "person", "programme", "agreement")

    def __init__(self):
        self.patterns = {
            kind: [
                (re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE), pk, label)
                for name, pk, label in sorted(_names(kind), key=lambda row: -len(row[0]))
            ]
            for kind in self.KINDS
        }

    def find(self, sentence: str) -> list[Mention]:
        found = {}
        for kind, patterns in self.patterns.items():
            for pattern, pk, label in patterns:
                if (kind, pk) not in found and (match := pattern.search(sentence)):
                    found[(kind, pk)] = Mention(kind, pk, label, match.start())
        return sorted(found.values(), key=lambda mention: mention.position)
