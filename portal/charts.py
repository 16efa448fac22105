"""Charts drawn as plain SVG on the server: no script, nothing for the Content Security
Policy to allow, and the same figures are always in a table beside each chart."""

from dataclasses import dataclass
from decimal import Decimal

from core.templatetags.tracker import format_money
from pledges.models import PledgeStatus

# One colour per status, distinguishable in grey scale too (light to dark as money
# moves from announced to delivered); cancelled is the palest.
STATUS_COLOURS = {
    PledgeStatus.ANNOUNCED: "#9bb8d3",
    PledgeStatus.COMMITTED: "#1f5f8b",
    PledgeStatus.ALLOCATED: "#b36b00",
    PledgeStatus.DELIVERED: "#14532d",
    PledgeStatus.CANCELLED: "#d5dbe3",
}
STATUS_LEGEND = [(label, STATUS_COLOURS[value]) for value, label in PledgeStatus.choices]


@dataclass(frozen=True)
class Segment:
    label: str
    value: Decimal
    start: float  # percent of the chart's width
    width: float
    colour: str

    @property
    def title(self) -> str:
        return f"{self.label}: {format_money(self.value, 'EUR')}"


def status_segments(by_status: dict, largest) -> list[Segment]:
    """A bar's parts, one per status with money, scaled so `largest` fills the width."""
    segments, start = [], 0.0
    if not largest:
        return segments
    for value, label in PledgeStatus.choices:
        amount = by_status.get(value)
        if not amount:
            continue
        width = float(amount) * 100 / float(largest)
        segments.append(Segment(label, amount, round(start, 3), round(width, 3), STATUS_COLOURS[value]))
        start += width
    return segments


@dataclass(frozen=True)
class Column:
    label: str
    value: int
    x: float
    y: float
    height: float
    width: float = 0.8


def columns(rows: list[tuple[str, int]], *, height: int = 100) -> list[Column]:
    """Vertical bars for (label, count) rows in a viewBox len(rows) wide and `height` tall,
    one unit per row with a gap either side."""
    tallest = max((value for _, value in rows), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(rows):
        bar_height = round(value * height / tallest, 3)
        bars.append(Column(label, value, index + 0.1, round(height - bar_height, 3), bar_height))
    return bars
