"""A stored article as sentences, each with what it names and the values it states."""

from dataclasses import dataclass, field

from intake import values
from intake.mentions import Mention, MentionFinder
from sources.models import Source


@dataclass
class Sentence:
    index: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    money: list[values.Money] = field(default_factory=list)
    dates: list[values.StatedDate] = field(default_factory=list)
    periods: list[values.Period] = field(default_factory=list)
    quantities: list[values.Quantity] = field(default_factory=list)

    def named(self, kind: str) -> list[Mention]:
        return [mention for mention in self.mentions if mention.kind == kind]

    @property
    def states_anything(self) -> bool:
        return bool(self.mentions or self.money or self.dates or self.periods or self.quantities)


def annotated_sentences(source: Source, text: str) -> list[Sentence]:
    finder = MentionFinder()
    found = []
    for index, sentence in enumerate(values.sentences(text, source.language)):
        found.append(
            Sentence(
                index=index,
                text=sentence,
                mentions=finder.find(sentence),
                money=values.money(sentence),
                dates=values.dates(sentence, base=source.published_on),
                periods=values.periods(sentence),
                quantities=values.quantities(sentence),
            )
        )
    return found


def quote_of(chosen: list[Sentence]) -> str:
    """The sentences in the article's order; a gap between them is marked '...' so the
    quote is still the source's words (the verbatim check reads '...' as a gap)."""
    chosen = sorted(chosen, key=lambda sentence: sentence.index)
    parts = []
    for previous, sentence in zip([None, *chosen], chosen, strict=False):
        if previous is not None:
            parts.append(" " if sentence.index == previous.index + 1 else " ... ")
        parts.append(sentence.text)
    return "".join(parts)
